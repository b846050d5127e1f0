//! A small Chrome DevTools Protocol harness for the browser test: starts headless Chromium on a
//! throw-away profile, loads a page, and records every network request, console message, log
//! entry and uncaught exception the page causes. Every wait has a deadline; the browser is
//! killed when the harness is dropped.
#![allow(dead_code)]

use base64::Engine;
use serde_json::{Value, json};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

const STARTUP: Duration = Duration::from_secs(60);
const CALL: Duration = Duration::from_secs(60);

/// The Chromium binary: `KAKUNIN_CHROMIUM`, else the first of the usual names on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("KAKUNIN_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// What a page did while it loaded and was printed.
#[derive(Debug, Default)]
pub struct PageLog {
    /// URLs of every request the page made (the page itself included).
    pub requests: Vec<String>,
    /// Requests that failed, with Chromium's reason.
    pub failed: Vec<String>,
    /// `console.*` calls, as "type: text".
    pub console: Vec<String>,
    /// Browser log entries (resource errors, CSP violations…), as "level: text".
    pub log: Vec<String>,
    pub exceptions: Vec<String>,
}

impl PageLog {
    fn record(&mut self, event: &Value) {
        let p = &event["params"];
        match event["method"].as_str().unwrap_or_default() {
            "Network.requestWillBeSent" => {
                self.requests
                    .push(p["request"]["url"].as_str().unwrap_or_default().to_owned());
            }
            "Network.loadingFailed" => self.failed.push(p["errorText"].to_string()),
            "Runtime.consoleAPICalled" => {
                let args: Vec<String> = p["args"]
                    .as_array()
                    .map(|a| a.iter().map(|v| v["value"].to_string()).collect())
                    .unwrap_or_default();
                self.console
                    .push(format!("{}: {}", p["type"], args.join(" ")));
            }
            "Log.entryAdded" => self.log.push(format!(
                "{}: {} {}",
                p["entry"]["level"], p["entry"]["text"], p["entry"]["url"]
            )),
            "Runtime.exceptionThrown" => self.exceptions.push(p["exceptionDetails"].to_string()),
            _ => {}
        }
    }

    /// Console messages and log entries at level error.
    pub fn errors(&self) -> Vec<&String> {
        self.console
            .iter()
            .filter(|m| m.starts_with("\"error\""))
            .chain(self.log.iter().filter(|m| m.starts_with("\"error\"")))
            .chain(self.exceptions.iter())
            .collect()
    }
}

/// A running headless Chromium with one attached page.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    pub page: PageLog,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts Chromium with the flags the project documents and attaches to a blank page.
    pub fn start(chromium: &Path) -> Result<Browser, String> {
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-default-browser-check",
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
        // Chromium writes the port it chose, and the browser's socket path, into the profile.
        let port_file = profile.path().join("DevToolsActivePort");
        let started = Instant::now();
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break (port.to_owned(), path.to_owned());
                }
            }
            if started.elapsed() > STARTUP {
                return Err("Chromium did not open its DevTools port within 60 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?;
        // The handshake may take a while on a busy machine; reads after it poll every 500 ms.
        stream
            .set_read_timeout(Some(STARTUP))
            .map_err(|e| e.to_string())?;
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (socket, _) = tungstenite::client(url.as_str(), stream).map_err(|e| e.to_string())?;
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(500)))
            .map_err(|e| e.to_string())?;
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            page: PageLog::default(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}), false)?;
        let target_id = target["targetId"].clone();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            false,
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for domain in ["Page", "Network", "Runtime", "Log"] {
            browser.call(&format!("{domain}.enable"), json!({}), true)?;
        }
        Ok(browser)
    }

    /// Sends a command (to the page's session when `on_page`) and waits for its result,
    /// recording the events that arrive meanwhile.
    pub fn call(&mut self, method: &str, params: Value, on_page: bool) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if on_page {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .map_err(|e| format!("{method}: {e}"))?;
        let deadline = Instant::now() + CALL;
        loop {
            if let Some(reply) = self.receive(deadline, method)?
                && reply["id"].as_u64() == Some(id)
            {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(reply["result"].clone());
            }
        }
    }

    /// Reads one message; records events; returns replies. `None` on a read timeout.
    fn receive(&mut self, deadline: Instant, what: &str) -> Result<Option<Value>, String> {
        if Instant::now() > deadline {
            return Err(format!("{what}: no answer from Chromium in time"));
        }
        match self.socket.read() {
            Ok(Message::Text(text)) => {
                let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                if value.get("method").is_some() {
                    self.page.record(&value);
                    return Ok(Some(json!({"event": value["method"]})));
                }
                Ok(Some(value))
            }
            Ok(_) => Ok(None),
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(format!("{what}: {e}")),
        }
    }

    /// Waits until an event arrives, or fails at the deadline.
    pub fn wait_for(&mut self, event: &str, within: Duration) -> Result<(), String> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(message) = self.receive(deadline, event)?
                && message["event"] == event
            {
                return Ok(());
            }
        }
    }

    /// Records whatever arrives during `time`.
    pub fn settle(&mut self, time: Duration) -> Result<(), String> {
        let until = Instant::now() + time;
        while Instant::now() < until {
            self.receive(until + Duration::from_secs(1), "settle")?;
        }
        Ok(())
    }

    /// Navigates the page to `url` and waits for its load event.
    pub fn load(&mut self, url: &str) -> Result<(), String> {
        let result = self.call("Page.navigate", json!({"url": url}), true)?;
        if let Some(error) = result.get("errorText") {
            return Err(format!("navigation failed: {error}"));
        }
        self.wait_for("Page.loadEventFired", Duration::from_secs(30))?;
        self.settle(Duration::from_millis(500))
    }

    /// Calls a command whose result carries base64 `data` (PDF, screenshot), and decodes it.
    pub fn data(&mut self, method: &str, params: Value) -> Result<Vec<u8>, String> {
        let result = self.call(method, params, true)?;
        let data = result["data"]
            .as_str()
            .ok_or(format!("{method}: no data"))?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| format!("{method}: {e}"))
    }
}
