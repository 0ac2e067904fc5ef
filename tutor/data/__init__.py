"""Datasets for the workshops."""
from __future__ import annotations
