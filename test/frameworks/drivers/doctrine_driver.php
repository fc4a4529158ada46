<?php
// Doctrine Migrations is not packaged here: this stands in for its executor with the real DBAL. It loads
// a Version class against a minimal AbstractMigration (addSql, abortIf, throwIrreversibleMigrationException,
// isTransactional: the methods generated files use), collects the statements of up() or down() and runs
// them as Doctrine's DbalExecutor does, in one transaction unless isTransactional() says no.
// Executed versions are kept in doctrine_migration_versions, as Doctrine does: `up` runs every version
// not yet executed (`migrate`), `down` undoes the latest (`migrate prev`).
// doctrine_driver.php <dir> <url> up|down
namespace Doctrine\Migrations {
    abstract class AbstractMigration
    {
        /** @var string[] */
        public array $collected = [];

        protected function addSql(string $sql, array $params = [], array $types = []): void
        {
            $this->collected[] = $sql;
        }

        protected function abortIf(bool $condition, string $message = 'Unknown Reason'): void
        {
            if ($condition) {
                throw new \RuntimeException('aborted: ' . $message);
            }
        }

        protected function throwIrreversibleMigrationException(?string $message = null): void
        {
            throw new \RuntimeException('irreversible: ' . ($message ?? ''));
        }

        public function isTransactional(): bool
        {
            return true;
        }

        public function getDescription(): string
        {
            return '';
        }

        abstract public function up(\Doctrine\DBAL\Schema\Schema $schema): void;
    }
}

namespace {
    require '/usr/share/php/Doctrine/DBAL/autoload.php';

    use Doctrine\DBAL\DriverManager;
    use Doctrine\DBAL\Schema\Schema;

    [$script, $dir, $url, $direction] = $argv;
    // sqlite:///absolute/path: DBAL's pdo_sqlite driver on that file.
    $sqlite = str_starts_with($url, 'sqlite://') ? substr($url, strlen('sqlite://')) : null;
    $parts = $sqlite === null ? parse_url($url) : [];
    $connection = DriverManager::getConnection($sqlite !== null ? ['driver' => 'pdo_sqlite', 'path' => $sqlite] : [
        'driver' => 'pdo_pgsql',
        'host' => $parts['host'] ?? '127.0.0.1',
        'port' => $parts['port'] ?? 5432,
        'dbname' => ltrim($parts['path'], '/'),
        'user' => $parts['user'] ?? 'postgres',
        'password' => $parts['pass'] ?? '',
    ]);
    $connection->executeStatement('CREATE TABLE IF NOT EXISTS doctrine_migration_versions (version varchar(191) PRIMARY KEY, executed_at timestamp, execution_time integer)');
    $executed = $connection->fetchFirstColumn('SELECT version FROM doctrine_migration_versions ORDER BY version');
    $files = glob($dir . '/Version*.php');
    sort($files);

    function load(string $file): object
    {
        $before = get_declared_classes();
        require $file;
        $classes = array_values(array_filter(array_diff(get_declared_classes(), $before), fn ($c) => str_starts_with($c, 'DoctrineMigrations\\')));
        return new $classes[0]();
    }

    function execute($connection, object $migration, string $version, string $direction): void
    {
        $direction === 'up' ? $migration->up(new Schema()) : $migration->down(new Schema());
        $transactional = $migration->isTransactional();
        if ($transactional) {
            $connection->beginTransaction();
        }
        foreach ($migration->collected as $sql) {
            $connection->executeStatement($sql);
        }
        if ($direction === 'up') {
            $connection->executeStatement('INSERT INTO doctrine_migration_versions (version, executed_at, execution_time) VALUES (?, CURRENT_TIMESTAMP, 0)', [$version]);
        } else {
            $connection->executeStatement('DELETE FROM doctrine_migration_versions WHERE version = ?', [$version]);
        }
        if ($transactional) {
            $connection->commit();
        }
    }

    if ($direction === 'up') {
        foreach ($files as $file) {
            $version = 'DoctrineMigrations\\' . basename($file, '.php');
            if (!in_array($version, $executed, true)) {
                execute($connection, load($file), $version, 'up');
            }
        }
    } elseif ($executed) {
        $version = end($executed);
        execute($connection, load($dir . '/' . substr($version, strlen('DoctrineMigrations\\')) . '.php'), $version, 'down');
    }
}
