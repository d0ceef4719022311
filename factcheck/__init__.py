"""factcheck: compare news articles, across languages, and report factual discrepancies."""

__version__ = "0.1.0"
