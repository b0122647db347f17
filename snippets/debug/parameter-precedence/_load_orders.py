# Databricks notebook source
# ruff: noqa: F821  (dbutils exists only on Databricks)
# --8<-- [start:notebook]
dbutils.widgets.text("trigger_date", "")
dbutils.widgets.text("target_schema", "dev")
dbutils.widgets.text("batch_size", "1000")
dbutils.widgets.text("dry_run", "true")
dbutils.widgets.text("full_refresh", "false")

# COMMAND ----------
trigger_date = dbutils.widgets.get("trigger_date")
target_schema = dbutils.widgets.get("target_schema")
batch_size = dbutils.widgets.get("batch_size")
dry_run = dbutils.widgets.get("dry_run")
full_refresh = dbutils.widgets.get("full_refresh")
# --8<-- [end:notebook]
