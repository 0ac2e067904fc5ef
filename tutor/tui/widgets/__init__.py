"""Widgets: one module each; import the module you need (screens import lazily to keep start-up fast)."""
