"""Rendering: rich tables, json, csv, markdown. No business rules live here."""
