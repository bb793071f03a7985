"""Lineage explorer for software delivery: CDEvents and their links as a graph."""

__version__ = "0.1.0"
