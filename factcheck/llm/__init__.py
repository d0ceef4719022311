"""Everything that talks to a language model: providers, prompts, extraction, judging.

`providers/` turns a request into a validated answer over each vendor's wire format, with retry,
fallback, per-provider health, a cache and an attempt log (`ScriptedProvider` answers in-process,
for tests); `prompts/` holds the templates beside the JSON Schemas of their answers; `session`
owns one run's chain, event loop, failures and usage; `extract` and `judge` build requests from
articles through the session and read the answers back. Importing this package imports no SDK.
"""
