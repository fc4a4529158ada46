# Runs a folder of ActiveRecord migrations up, or rolls back one: rails_driver.rb <dir> <url> up|down
require 'active_record'

dir, url, direction = ARGV
ActiveRecord::Base.establish_connection(url)
ActiveRecord::Migration.verbose = false
context = ActiveRecord::MigrationContext.new(dir, ActiveRecord::SchemaMigration)
direction == 'up' ? context.migrate : context.rollback(1)
