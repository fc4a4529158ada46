<?php
// Doctrine Migrations is not packaged here: this stands in for its executor with the real DBAL. It loads
// a Version class against a minimal AbstractMigration (addSql, abortIf, throwIrreversibleMigrationException,
// isTransactional: the methods generated files use), collects the statements of up() or down() and runs
// them as Doctrine's DbalExecutor does, in one transaction unless isTransactional() says no.
// doctrine_driver.php <file> <url> up|down
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

    [$script, $file, $url, $direction] = $argv;
    $before = get_declared_classes();
    require $file;
    $classes = array_values(array_filter(array_diff(get_declared_classes(), $before), fn ($c) => str_starts_with($c, 'DoctrineMigrations\\')));
    $migration = new $classes[0]();
    $direction === 'up' ? $migration->up(new Schema()) : $migration->down(new Schema());

    $parts = parse_url($url);
    $connection = DriverManager::getConnection([
        'driver' => 'pdo_pgsql',
        'host' => $parts['host'] ?? '127.0.0.1',
        'port' => $parts['port'] ?? 5432,
        'dbname' => ltrim($parts['path'], '/'),
        'user' => $parts['user'] ?? 'postgres',
        'password' => $parts['pass'] ?? '',
    ]);
    $transactional = $migration->isTransactional();
    if ($transactional) {
        $connection->beginTransaction();
    }
    foreach ($migration->collected as $sql) {
        $connection->executeStatement($sql);
    }
    if ($transactional) {
        $connection->commit();
    }
}
