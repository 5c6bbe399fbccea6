"""Every frame a phone paints from navigation until the page is live, as one contact sheet.

    .venv/bin/python bench/filmstrip.py [--pages repayment,quota,home] [--out .artifacts/filmstrip]

The phone profile of bench/phone.py (CPU 4x slower, 9 Mbit/s, 150 ms round trip, cache off,
390 x 844). Chromium's own trace records a screenshot whenever a frame is drawn (the
``disabled-by-default-devtools.screenshot`` category), so nothing is asked of the page while it
loads (a screenshot command under CPU throttling times out). For each page: one PNG, the frames
in order with their time from navigation start, the first-answer and live frames marked; and a
printed line per frame. Look at every frame: no blank screen, no "Loading...", nothing moving.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from phone import PAGES, WATCH, browser, serve  # noqa: E402

TRACE = "devtools.timeline,blink.user_timing,disabled-by-default-devtools.screenshot"

SHEET = """
const [frames, columns] = arguments; const done = arguments[arguments.length - 1];
const load = src => new Promise(r => { const i = new Image(); i.onload = () => r(i); i.src = src; });
Promise.all(frames.map(f => load("data:image/jpeg;base64," + f.jpeg))).then(images => {
  const w = 260, h = Math.round(w * images[0].height / images[0].width), label = 28;
  const rows = Math.ceil(images.length / columns);
  const c = document.createElement("canvas"); c.width = columns * (w + 8); c.height = rows * (h + label + 8);
  const g = c.getContext("2d"); g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
  images.forEach((img, i) => {
    const x = (i % columns) * (w + 8), y = Math.floor(i / columns) * (h + label + 8);
    g.drawImage(img, x, y + label, w, h);
    g.strokeStyle = frames[i].mark ? "#c00" : "#999"; g.lineWidth = frames[i].mark ? 4 : 1;
    g.strokeRect(x, y + label, w, h);
    g.fillStyle = "#000"; g.font = "bold 18px sans-serif";
    g.fillText(Math.round(frames[i].ms) + " ms " + (frames[i].mark || ""), x + 4, y + 20);
  });
  done(c.toDataURL("image/png").split(",")[1]);
});
"""


def frames_of(drv, base: str, name: str) -> tuple[list[dict], dict]:
    """(frames [{ms, jpeg}], the page's {first, live} in ms) of one load of page ``name``."""
    _kind, path, css, must, _field, _value, _link = PAGES[name]
    drv.get("about:blank")
    time.sleep(0.5)
    drv.get_log("performance")
    script = drv.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % json.dumps([css, must, None, "", ""])}
    )
    try:
        drv.get(base + path)
        seen, end = None, time.time() + 60
        while time.time() < end and not (seen and seen["live"]):
            try:
                seen = drv.execute_script("return window.__t")
            except Exception:  # noqa: BLE001 - the document is still being replaced
                seen = None
            time.sleep(0.05)
        time.sleep(0.8)  # the frames just after live
    finally:
        drv.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
    drv.get("about:blank")  # ends the page's trace, so its events reach the log
    time.sleep(1)
    events = [
        json.loads(e["message"])["message"]["params"]
        for e in drv.get_log("performance")
        if '"Tracing.dataCollected"' in e["message"]
    ]
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart" and "args" in e]
    start = max(starts) if starts else min(e["ts"] for e in events if "ts" in e)
    shots = sorted(
        (e for e in events if e.get("name") == "Screenshot" and e.get("ts", 0) >= start),
        key=lambda e: e["ts"],
    )
    frames = [{"ms": (e["ts"] - start) / 1000, "jpeg": e["args"]["snapshot"]} for e in shots]
    return frames, seen or {}


def sheet(drv, frames: list[dict], seen: dict, out: Path) -> None:
    """The frames up to live (and one after) on one PNG, the first-answer and live frames marked."""
    shown = [f for f in frames if not seen.get("live") or f["ms"] <= seen["live"] + 300] or frames
    for f in shown:
        f["mark"] = ""
    for key in ("first", "live"):
        at = seen.get(key)
        later = [f for f in shown if at is not None and f["ms"] >= at]
        if later:
            later[0]["mark"] = (later[0]["mark"] + " " + key).strip()
    png = drv.execute_async_script(SHEET, shown, 5)
    out.write_bytes(base64.b64decode(png))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="repayment read,quota read,home")
    parser.add_argument("--out", type=Path, default=ROOT / ".artifacts" / "filmstrip")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    proc, base = serve("site")
    try:
        drv = browser(trace=TRACE)
        try:
            drv.set_script_timeout(60)
            for name in args.pages.split(","):
                frames_of(drv, base, name)  # warm the server's caches
                frames, seen = frames_of(drv, base, name)
                out = args.out / f"{name.replace(' ', '-')}.png"
                drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
                sheet(drv, frames, seen, out)
                drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
                first, live = seen.get("first"), seen.get("live")
                print(f"{name}: {len(frames)} frames; first {first:.0f} ms, live {live:.0f} ms -> {out}")
                print("  " + " ".join(f"{f['ms']:.0f}" for f in frames))
        finally:
            drv.quit()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
