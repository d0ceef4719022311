"""Everything that talks to a language model: providers, prompts, extraction, judging.

`providers/` turns a request into a validated answer over each vendor's wire format, with retry,
fallback, per-provider health, a cache and an attempt log; `prompts/` holds the templates and the
JSON Schemas of their answers; `extract` and `judge` build requests from articles and read the
answers back. Importing this package imports no SDK.
"""
