"""A small corpus for the command-line tests, and a way to run the command.

The events are written here, not taken from ``events/`` (which changes as the corpus
grows): Chinese names, an imprecise date that straddles the query day, a statistic
reported twice, and a quote that tries to inject a script into the HTML report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

INJECTED = "<script>document.title='pwned'</script>"


def _event(
    event_id: str,
    kind: str,
    effective: str,
    payload: dict[str, Any],
    *,
    region: str = "330300",
    quote: str = "温州市质量强市",
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": kind,
        "schema_version": 3,
        "region": region,
        "effective": effective,
        "recorded": "2010-12-01",
        "inferred": False,
        "source": {"document": "t1.txt", "quote": quote, "url": None},
        "note": None,
        "payload": payload,
    }


def _statistic(event_id: str, effective: str, value: int) -> dict[str, Any]:
    payload = {
        "metric": "中国名牌",
        "value": value,
        "unit": "个",
        "kind": "total",
        "bound": "exact",
        "period": None,
        "covers": [],
    }
    return _event(event_id, "StatisticReported", effective, payload, quote=f"中国名牌{value}个")


EVENTS: tuple[dict[str, Any], ...] = (
    _event(
        "t-plan",
        "PolicyIssued",
        "2006",
        {"title": "温州市质量与品牌发展规划", "issuer": "温州市政府", "validity": "2006/2020"},
        quote="《溫州市質量與品牌發展規劃(2006-2020)》",
    ),
    _event(
        "t-award",
        "AwardGranted",
        "2010-11-18",
        {"award": "浙江省政府质量奖", "recipient": "正泰集团"},
        quote=f"正泰集团获得首届浙江省政府质量奖{INJECTED}",
    ),
    _event(
        "t-platform",
        "PlatformLaunched",
        "2010-06/2010-12",
        {"name": "质量信息平台", "operator": None},
    ),
    _statistic("t-brands-2008", "2008-12-31", 30),
    _statistic("t-brands-2010", "2010-11", 38),
    _event(
        "t-yuhang-cqo",
        "CQOAppointed",
        "2021-09-15",
        {"person": "张三", "organization": "余杭某公司"},
        region="330110",
    ),
)


def write_corpus(directory: Path, events: tuple[dict[str, Any], ...] = EVENTS) -> Path:
    """Write ``events`` as one JSON Lines file in ``directory``; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(e, ensure_ascii=False) for e in events]
    (directory / "t1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m policyline ARGS`` and capture its output (stderr not a terminal)."""
    environment = {k: v for k, v in os.environ.items() if k != "POLICYLINE_STORE"}
    return subprocess.run(
        [sys.executable, "-m", "policyline", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
        check=False,
    )
