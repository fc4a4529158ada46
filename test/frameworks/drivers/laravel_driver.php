<?php
// Runs a folder of Laravel migrations up, or rolls back the last batch: laravel_driver.php <dir> <url> up|down
require '/usr/share/php/Illuminate/autoload.php';

use Illuminate\Container\Container;
use Illuminate\Database\Capsule\Manager as Capsule;
use Illuminate\Database\Migrations\DatabaseMigrationRepository;
use Illuminate\Database\Migrations\Migrator;
use Illuminate\Filesystem\Filesystem;
use Illuminate\Support\Facades\Facade;

[$script, $dir, $url, $direction] = $argv;
$sqlite = str_starts_with($url, 'sqlite://') ? substr($url, strlen('sqlite://')) : null;
$parts = $sqlite === null ? parse_url($url) : [];
$container = new Container();
Container::setInstance($container);
$capsule = new Capsule($container);
$capsule->addConnection($sqlite !== null ? [
    // sqlite:///absolute/path: Laravel's sqlite driver on that file, foreign keys enforced as Laravel does by default.
    'driver' => 'sqlite',
    'database' => $sqlite,
    'prefix' => '',
    'foreign_key_constraints' => true,
] : [
    'driver' => 'pgsql',
    'host' => $parts['host'] ?? '127.0.0.1',
    'port' => $parts['port'] ?? 5432,
    'database' => ltrim($parts['path'], '/'),
    'username' => $parts['user'] ?? 'postgres',
    'password' => $parts['pass'] ?? '',
    'charset' => 'utf8',
    'prefix' => '',
    'schema' => 'public',
]);
$capsule->setAsGlobal();
$container->instance('db', $capsule->getDatabaseManager());
$container->bind('db.connection', fn () => $capsule->getConnection());
$container->bind('db.schema', fn () => $capsule->getConnection()->getSchemaBuilder());
Facade::setFacadeApplication($container);

$repository = new DatabaseMigrationRepository($capsule->getDatabaseManager(), 'migrations');
if (!$repository->repositoryExists()) {
    $repository->createRepository();
}
$migrator = new Migrator($repository, $capsule->getDatabaseManager(), new Filesystem());
if ($direction === 'up') {
    $migrator->run([$dir]);
} else {
    $migrator->rollback([$dir]);
}
