# Databricks notebook source
# ruff: noqa: F821  (dbutils exists only on Databricks)
# --8<-- [start:notebook]
# Reloads one day; batchsize is a typo for batch_size.
dbutils.notebook.run("./load_orders", 600, {"trigger_date": "2026-07-06", "batchsize": "5000"})
# --8<-- [end:notebook]
