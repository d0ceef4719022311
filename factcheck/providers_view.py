"""What `factcheck providers` and `factcheck log` show: the chain, its keys, the attempt log."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from factcheck.config import Settings
from factcheck.llm.providers.spec import ProviderSpec
from factcheck.report.console import render

if TYPE_CHECKING:
    from rich.console import Console


def _specs(settings: Settings) -> list[ProviderSpec]:
    from factcheck.llm.providers.spec import default_chain, parse_chain

    return parse_chain(settings.providers) if settings.providers else default_chain(settings.env)


def chain_labels(settings: Settings) -> list[str]:
    """The backends `settings` would run, in fallback order."""
    return [spec.label for spec in _specs(settings)]


def show_providers(settings: Settings, *, ping: bool = False, color: bool | None = None) -> str:
    """The configured chain in fallback order, which keys are present (never their values)."""
    return providers_report(settings, ping=ping, color=color)[0]


def providers_report(
    settings: Settings,
    *,
    ping: bool = False,
    color: bool | None = None,
    sources: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """`show_providers`'s text, and the labels of the backends whose ping failed; `sources`
    says where each setting came from (`config.resolve`)."""
    from rich.table import Table

    from factcheck.llm.prompts import load_prompts
    from factcheck.llm.providers.chain import ping as ping_all
    from factcheck.llm.providers.chain import status
    from factcheck.report.names import visible

    specs = _specs(settings)
    rows = status(specs, settings.env)
    prompts = visible(load_prompts(settings.prompts).describe())
    origin = (sources or {}).get("prompts")
    pings = (
        {label: (ok, detail) for label, ok, detail in asyncio.run(ping_all(specs, settings.env))}
        if ping
        else {}
    )

    def draw(console: Console) -> None:
        table = Table(title="Backends, in fallback order", title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("backend")
        table.add_column("model")
        table.add_column("key")
        table.add_column("base URL")
        if ping:
            table.add_column("ping")
        for number, (spec, row) in enumerate(zip(specs, rows, strict=True), start=1):
            if row.name == "rules":
                key = "none needed (offline)"
            elif row.key_present and row.key_variable == "the URL":
                key = "from the URL (;key=url)"
            elif row.key_present:
                key = f"{row.key_variable} set"
            elif row.key_required:  # and not present
                key = f"MISSING: set {row.key_variable}"
            elif spec.base_url:  # a URL of its own: the kind's key does not go there
                key = "none sent to its URL (;key=VARIABLE names one)"
            else:
                key = f"{row.key_variable} not needed"
            cells = [str(number), row.name, row.model or "-", key, row.base_url or "-"]
            if ping:
                ok, detail = pings.get(spec.label, (False, "not pinged"))
                cells.append(("ok: " if ok else "FAILED: ") + detail)
            table.add_row(*cells)
        console.print(table)
        for row in rows:
            for notice in row.notices:
                console.print(notice)
        if not any(row.name != "rules" for row in rows):
            from factcheck.llm.providers.registry import KINDS

            keys = [k.key_variable for k in KINDS.values() if k.in_default_chain and k.key_variable]
            console.print(
                f"Offline: only the rules extractor runs. Set {' or '.join(keys)} "
                "(or --provider) to add an LLM."
            )
        elif specs[-1].kind != "rules":
            console.print("The chain does not end with 'rules': if every LLM fails, runs exit 3.")
        line = f"Prompts: {prompts}" + (f"  ({origin})" if origin else "")
        console.print(line, markup=False, highlight=False, soft_wrap=True)  # a path stays whole

    failed = [label for label, (ok, _) in pings.items() if not ok]
    return render(draw, width=None, color=color), failed


def show_log(
    *, limit: int = 20, color: bool | None = None, env: Mapping[str, str] | None = None
) -> str:
    """Recent LLM attempts, newest first, and totals over the whole log in the state folder that
    `env` names (the run's resolved environment: `.env` and the config file's [env] included)."""
    from rich.table import Table

    from factcheck.llm.providers.store import Store, default_path

    store = Store(default_path(env))
    try:
        attempts = store.recent(limit)
        totals = store.totals()
    finally:
        store.close()

    def draw(console: Console) -> None:
        table = Table(title=f"Last {len(attempts)} LLM attempts", title_justify="left")
        for name in ("time", "provider", "model", "status", "latency", "tokens in/out", "cost"):
            table.add_column(name)
        for a in attempts:
            when = dt.datetime.fromtimestamp(a.time).strftime("%Y-%m-%d %H:%M:%S")
            status = a.status + (f" ({a.error_kind})" if a.error_kind else "")
            latency = f"{a.latency_ms} ms" if a.latency_ms is not None else "-"
            cost = f"${a.cost_usd:.4f}" if a.cost_usd is not None else "-"
            table.add_row(
                when, a.provider, a.model, status, latency,
                f"{a.input_tokens}/{a.output_tokens}", cost,
            )  # fmt: skip
        console.print(table)
        console.print(
            f"Totals: {totals.calls} calls ({totals.failures} failed), {totals.cache_hits} cache "
            f"hits, {totals.input_tokens} input and {totals.output_tokens} output tokens, "
            f"about ${totals.cost_usd:.4f}."
        )

    return render(draw, width=None, color=color)
