"""The latest benchmark and fault-run figures as a Markdown table, read from bench/results/*.json.

.venv/bin/python bench/report.py > /tmp/table.md
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def rows() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    queue = load("review_queue")
    if queue:
        rate = queue["median_takes_per_second"]
        out.append(
            (
                f"Review queue: {queue['takers']} checkers, {queue['items']:,} items",
                f"{rate:,.0f} takes/s (median of {len(queue['runs'])}), duplicates {queue['duplicates_total']}",
                ">= 1,000 takes/s, 0 duplicates",
                verdict(rate >= 1000 and queue["duplicates_total"] == 0),
            )
        )
    api = load("api_load")
    if api:
        median = api["median"]
        for concurrency in sorted(median["claims_list"], key=int):
            for scenario, label in (
                ("claims_list", "claims list (typical filters)"),
                ("claim_detail", "claim detail"),
                ("changes_304", "changes poll, 304, back to back"),
                ("changes_304_paced", f"changes poll, 304, each client every {api.get('poll_interval_s', 1)} s"),
                ("bare_list", "bare .values() view (reference)"),
            ):
                figures = median.get(scenario, {}).get(concurrency)
                if figures is None:
                    continue
                target, ok = "", None
                if scenario == "claims_list" and concurrency == "8":
                    target, ok = "p95 <= 25 ms", figures["p95_ms"] <= 25
                elif scenario.startswith("changes_304"):
                    target, ok = "p95 <= 5 ms", figures["requests"] > 0 and figures["p95_ms"] <= 5
                out.append(
                    (
                        f"API, {concurrency} clients: {label}",
                        f"{figures['throughput_rps']} req/s; p50 {figures['p50_ms']} / p95 {figures['p95_ms']} / "
                        f"p99 {figures['p99_ms']} ms; errors {figures['errors']} of {figures['requests']}",
                        target,
                        verdict(ok),
                    )
                )
        for concurrency, ratio in api["api_to_bare_throughput_ratio"].items():
            out.append((f"API / bare throughput, {concurrency} clients", f"{ratio}", ">= 0.5", verdict(ratio >= 0.5)))
        out.append(("API errors, all runs", str(api["errors_total"]), "0", verdict(api["errors_total"] == 0)))
        deep = api.get("deep_pagination")
        if deep:
            out.append(
                (
                    "Deep pagination (cursor)",
                    f"page 1 p50 {deep['page_1']['p50_ms']} ms; page 10,000 p50 {deep['page_10000']['p50_ms']} ms",
                    "page 10,000 costs what page 1 does",
                    verdict(deep["page_10000"]["p50_ms"] <= 1.5 * deep["page_1"]["p50_ms"] + 5),
                )
            )
    ingestion = load("ingestion")
    if ingestion:
        rate = ingestion["documents_per_second"]
        memory = ingestion["worker_memory_mib"]
        out.append(
            (
                f"Ingestion: {ingestion['documents']:,} docs of ~{ingestion['mean_words']} words, {ingestion['backend']} "
                f"backend (follow-up tasks {ingestion.get('follow_up_tasks', 'run by the same workers')})",
                f"{rate} docs/s extracted; worker memory peak {memory['peak_total']} MiB "
                f"(largest process {memory['peak_largest_process']} MiB)",
                ">= 10 docs/s",
                verdict(rate >= 10),
            )
        )
    whole = load("ingestion_follow_ups")
    if whole:
        slowest = sorted(whole.get("where_the_time_goes", {}).items(), key=lambda kv: -kv[1].get("total_s", 0))[:2]
        share = ", ".join(f"{name.rsplit('.', 1)[-1]} {v.get('mean_ms')} ms/doc" for name, v in slowest)
        rate = whole["documents_per_second_including_follow_ups"]
        out.append(
            (
                f"Ingestion with follow-ups (matching, flagging, suggestions): {whole['documents']:,} docs",
                f"{rate} docs/s until all follow-ups done ({whole['documents_per_second']} docs/s extracted); {share}",
                ">= 10 docs/s",
                verdict(rate is not None and rate >= 10),
            )
        )
    chaos = load("chaos_worker_kill")
    if chaos:
        out.append(
            (
                f"Fault: {len(chaos['kills'])} worker kills during {chaos['documents']:,} documents",
                f"statuses {chaos['statuses']}; processed twice {chaos['processed_more_than_once']}; "
                f"duplicate claims {chaos['duplicate_claims']}",
                "each document processed exactly once",
                verdict(chaos["ok"]),
            )
        )
    broker = load("fault_broker_down")
    if broker:
        out.append(
            (
                f"Fault: broker down {broker['broker_down_seconds']} s during ingestion",
                f"POSTs while down {broker['post_statuses_by_broker_state']['down']}; healthz {broker['healthz_while_down']}; "
                f"end {broker['statuses_at_end']}",
                "accepted, degraded, swept, none lost",
                verdict(broker["ok"]),
            )
        )
    restart = load("fault_db_restart")
    if restart:
        out.append(
            (
                f"Fault: database down {restart['down_seconds']} s",
                f"while down {restart['statuses_by_phase']['down']}; first success after restart "
                f"{restart['seconds_from_database_start_to_first_success']} s",
                "503 with a clear body, recovers alone",
                verdict(restart["ok"]),
            )
        )
    soak = load("soak")
    if soak:
        out.append(
            (
                f"Soak: {soak['minutes']:.0f} minutes of mixed load",
                f"5xx {soak['server_errors']}; stuck leases {soak['stuck_leases']}; memory growing {soak['memory_growing'] or 'none'}",
                "no 5xx, no growth, no stuck leases",
                verdict(soak["ok"]),
            )
        )
    accuracy = load("extraction_accuracy")
    if accuracy:
        targets = {
            "claims": 0.90,
            "claimant": 0.90,
            "via": 0.85,
            "denials": 0.85,
            "denial_links": 0.80,
            "unverified": 0.90,
        }
        for backend, sets in accuracy["backends"].items():
            for name, figures in sets.items():
                if name == "dev":
                    continue
                out.append(
                    (
                        f"Extraction, annotated set {name.replace('_', ' ')} ({figures['documents']} passages), "
                        f"{backend} backend",
                        "; ".join(f"{k.replace('_', ' ')} {figures[k]:.2f}" for k in (*targets, "overall")),
                        "claims, claimant >= 0.90; via, denials >= 0.85; links >= 0.80; unverified >= 0.90",
                        verdict(all(figures[k] >= t for k, t in targets.items())),
                    )
                )
    for name, label in (
        ("cross_doc_links", "the repository's gold"),
        ("cross_doc_links_unseen", "the four annotated sets (matching not tuned on them)"),
    ):
        links = load(name)
        if links:
            orders = {order: links[order] for order in ("denial_first", "claim_first") if order in links}
            out.append(
                (
                    f"Cross-document denial links, {label} ({links['links_split']} links split)",
                    "; ".join(
                        f"{order.replace('_', ' ')}: F1 {o['f1']:.2f} (P {o['precision']:.2f}, R {o['recall']:.2f})"
                        for order, o in orders.items()
                    ),
                    "F1 >= 0.80 in either order",
                    verdict(all(o["f1"] >= 0.8 for o in orders.values())),
                )
            )
    return out


def main() -> None:
    print("| What | Measured | Target | |")
    print("|---|---|---|---|")
    for what, measured, target, ok in rows():
        print(f"| {what} | {measured} | {target} | {ok} |")


if __name__ == "__main__":
    main()
