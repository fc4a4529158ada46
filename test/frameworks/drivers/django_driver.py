"""Runs a Django app's migrations up, or back to before the last one: django_driver.py <project> <url> up|down."""
import os
import sys
from urllib.parse import urlparse

project, url, direction = sys.argv[1], sys.argv[2], sys.argv[3]
parsed = urlparse(url)
sys.path.insert(0, project)

import django
from django.conf import settings

if parsed.scheme == "sqlite":
    # sqlite:///absolute/path: Django's sqlite3 backend on that file.
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path}
elif parsed.scheme == "mysql":
    # MariaDB through PyMySQL standing in for mysqlclient (python3-pymysql).
    import pymysql

    pymysql.install_as_MySQLdb()
    database = {
        "ENGINE": "django.db.backends.mysql",
        "NAME": parsed.path.lstrip("/"),
        "USER": parsed.username or "root",
        "PASSWORD": parsed.password or "",
        "HOST": parsed.hostname or "127.0.0.1",
        "PORT": str(parsed.port or 3306),
    }
else:
    database = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parsed.path.lstrip("/"),
        "USER": parsed.username or "postgres",
        "PASSWORD": parsed.password or "",
        "HOST": parsed.hostname or "127.0.0.1",
        "PORT": str(parsed.port or 5432),
    }
settings.configure(
    INSTALLED_APPS=["app"],
    DATABASES={"default": database},
    USE_TZ=True,
)
django.setup()
from django.core.management import call_command

if direction == "up":
    call_command("migrate", "app", verbosity=0)
else:
    names = sorted(f[:-3] for f in os.listdir(os.path.join(project, "app", "migrations")) if f[:4].isdigit() and f.endswith(".py"))
    target = names[-2] if len(names) > 1 else "zero"
    call_command("migrate", "app", target, verbosity=0)
