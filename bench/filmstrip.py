"""Every frame a phone paints from navigation until the page is live, as one contact sheet.

    .venv/bin/python bench/filmstrip.py [--pages repayment,quota,home] [--out .artifacts/filmstrip]

The phone profile of bench/phone.py (CPU 4x slower, 9 Mbit/s, 150 ms round trip, cache off,
390 x 844). Frames come from Chromium's screencast on a second DevTools connection (each is sent
when the screen changes, acknowledged at once), so nothing is asked of the page while it loads (a
screenshot command under CPU throttling times out). For each page: one PNG, the frames in order
with their time from navigation start, the first-answer and live frames marked; and a printed
line of frame times. Look at every frame: no blank screen, no "Loading...", nothing moving.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import threading
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from phone import PAGES, WATCH, browser, serve  # noqa: E402


class Screencast:
    """Frames [(epoch seconds, base64 JPEG)] of the browser's page while it runs."""

    def __init__(self, drv):
        address = drv.capabilities["goog:chromeOptions"]["debuggerAddress"]
        targets = json.load(urllib.request.urlopen(f"http://{address}/json"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        self.frames: list[tuple[float, str]] = []
        self.ws.send(json.dumps({"id": 1, "method": "Page.startScreencast", "params": {"format": "jpeg"}}))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        n = 1
        while True:
            try:
                message = json.loads(self.ws.recv())
            except Exception:  # noqa: BLE001 - closed
                return
            if message.get("method") == "Page.screencastFrame":
                params = message["params"]
                self.frames.append((params["metadata"]["timestamp"], params["data"]))
                n += 1
                ack = {
                    "id": n,
                    "method": "Page.screencastFrameAck",
                    "params": {"sessionId": params["sessionId"]},
                }
                self.ws.send(json.dumps(ack))

    def close(self):
        self.ws.close()


SHEET = """
const [frames, columns] = arguments; const done = arguments[arguments.length - 1];
const load = src => new Promise(r => { const i = new Image(); i.onload = () => r(i); i.src = src; });
Promise.all(frames.map(f => load("data:image/jpeg;base64," + f.jpeg))).then(images => {
  if (!images.length) { done(null); return; }
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
}).catch(e => done("error: " + e));
"""


def frames_of(drv, base: str, name: str) -> tuple[list[dict], dict]:
    """(frames [{ms, jpeg}], the page's {first, live} in ms) of one load of page ``name``."""
    _kind, path, css, must, _field, _value, _link = PAGES[name]
    drv.get("about:blank")
    script = drv.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % json.dumps([css, must, None, "", ""])}
    )
    cast = Screencast(drv)
    try:
        time.sleep(0.5)
        cast.frames.clear()  # about:blank's
        drv.get(base + path)
        seen, end = None, time.time() + 60
        while time.time() < end and not (seen and seen["live"]):
            try:
                seen = drv.execute_script("return window.__t")
            except Exception:  # noqa: BLE001 - the document is still being replaced
                seen = None
            time.sleep(0.05)
        time.sleep(0.8)  # the frames just after live
        origin = drv.execute_script("return performance.timeOrigin") / 1000
    finally:
        cast.close()
        drv.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
    frames = [{"ms": (at - origin) * 1000, "jpeg": jpeg} for at, jpeg in cast.frames if at >= origin]
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
        drv = browser()
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
