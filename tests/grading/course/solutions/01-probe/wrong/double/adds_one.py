from __future__ import annotations


def double(x):
    return x + 1


def echo(value):
    return value
