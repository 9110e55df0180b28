"""Orchestration only: the Prefect flows, the CLI and settings. No text logic here."""
