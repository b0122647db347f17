# Databricks notebook source
# ruff: noqa: F821  (dbutils exists only on Databricks)
# --8<-- [start:notebook]
dbutils.widgets.text("dry_run", "true")
dbutils.widgets.dropdown("notify", "true", ["true", "false"])

# COMMAND ----------
# Reads trigger_date without declaring it: the job passes it, a session has no such widget.
trigger_date = dbutils.widgets.get("trigger_date")
dry_run = dbutils.widgets.get("dry_run")
notify = dbutils.widgets.get("notify")
# --8<-- [end:notebook]
