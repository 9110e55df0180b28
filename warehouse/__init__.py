"""Storage: the raw archive, Parquet staging, the DuckDB warehouse and its ledger.

This package knows rows and schemas, not Chinese text.
"""
