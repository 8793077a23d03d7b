//! The DevTools-protocol driver for tests/browser.rs: Chromium on a pipe
//! (`--remote-debugging-pipe`: JSON messages ended by NUL on file descriptors 3 and 4), a
//! base64 decoder for screenshots and a tiny static file server.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
];

pub struct Browser {
    child: Child,
    input: ChildStdin,
    events: Receiver<Value>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn start() -> Browser {
        let exe = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("Chromium not found: install Debian's `chromium` (see .ci/run), or set CXSITE_SKIP_BROWSER=1");
        let profile = tempfile::tempdir().unwrap();
        // bash hands our stdin/stdout to Chromium as fds 3 and 4, the pipe protocol's channels.
        let script = format!(
            "exec {exe} {} --user-data-dir={} about:blank 3<&0 4>&1 0</dev/null 1>/dev/null 2>/dev/null",
            CHROMIUM_FLAGS.join(" "),
            profile.path().display()
        );
        let mut child = Command::new("bash")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let input = child.stdin.take().unwrap();
        let output = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut buf = Vec::new();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        buf.pop();
                        if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                            if tx.send(v).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        Browser { child, input, events: rx, next_id: 0, _profile: profile }
    }

    /// Sends a command and waits for its answer; events seen meanwhile go to `seen`.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value, seen: &mut Vec<Value>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).unwrap();
        self.input.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.events.recv_timeout(left).unwrap_or_else(|_| panic!("no answer to {method}"));
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method} failed: {e}");
                }
                return v["result"].clone();
            }
            seen.push(v);
        }
    }

    /// Waits until an event named `method` arrives.
    pub fn wait_for(&mut self, method: &str, seen: &mut Vec<Value>) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.events.recv_timeout(left).unwrap_or_else(|_| panic!("no {method} event"));
            let hit = v.get("method").and_then(Value::as_str) == Some(method);
            seen.push(v);
            if hit {
                return;
            }
        }
    }

    /// Drains events that are already queued.
    pub fn drain(&mut self, seen: &mut Vec<Value>) {
        std::thread::sleep(Duration::from_millis(150));
        while let Ok(v) = self.events.try_recv() {
            seen.push(v);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= val(*c) << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

/// A minimal static file server on 127.0.0.1 that serves `root` under the sub-path `/report/`,
/// so the site is also checked over HTTP and from a sub-path. Returns the base URL.
pub fn serve(root: PathBuf) -> String {
    use std::io::Read as _;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut req = [0u8; 8192];
                let n = stream.read(&mut req).unwrap_or(0);
                let head = String::from_utf8_lossy(&req[..n]);
                let path =
                    head.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_string();
                let rel = path.strip_prefix("/report/").unwrap_or("\0");
                let file = root.join(rel);
                let ok = !rel.contains("..") && file.is_file();
                let body = if ok { std::fs::read(&file).unwrap_or_default() } else { b"not found".to_vec() };
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("svg") => "image/svg+xml",
                    Some("json") => "application/json",
                    _ => "text/plain; charset=utf-8",
                };
                let status = if ok { "200 OK" } else { "404 Not Found" };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}/report/")
}
