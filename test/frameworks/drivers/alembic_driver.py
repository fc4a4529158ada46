"""Runs a folder of Alembic revisions up to head or down one step: driver.py <dir> <url> up|down."""
import os
import sys

from alembic import command
from alembic.config import Config

folder, url, direction = sys.argv[1], sys.argv[2], sys.argv[3]
cfg = Config()
cfg.set_main_option("script_location", folder)
cfg.set_main_option("sqlalchemy.url", url)
if direction == "up":
    command.upgrade(cfg, "head")
else:
    command.downgrade(cfg, "-1")
