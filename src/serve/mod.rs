//! `cxsite serve`: builds the project into a temporary folder, serves it over HTTP, rebuilds
//! when the project's sources change and reloads open pages.
//!
//! The live-reload script exists only here: it is injected into HTML responses as they are
//! served (a `<script src="/__cxsite/livereload.js">` before `</head>`, with `connect-src
//! 'self'` added to the page's Content-Security-Policy so that it may poll), never written into
//! the built files. A failed rebuild keeps the last good site on disk and in the browser, and
//! its error goes to the terminal and, as text, to an overlay on open pages.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::error::{Error, Result};
use crate::BuildOptions;

/// The folder a plain `cxsite build` writes into, relative to the project: its changes are
/// the build's own, never a reason to rebuild.
const OUTPUT: &str = "public";

/// URL prefix of everything the preview server adds; a built site has no such folder.
pub const PREFIX: &str = "/__cxsite/";

/// The live-reload script, served at `/__cxsite/livereload.js`.
pub const LIVERELOAD_JS: &str = include_str!("livereload.js");

/// How long a poll waits for a new build before answering with the current state.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// Ports tried after a taken `--port`, one after another.
const PORT_TRIES: u16 = 50;

/// Options of `cxsite serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project directory.
    pub root: PathBuf,
    /// Address to listen on (loopback unless the user asks otherwise).
    pub bind: IpAddr,
    /// The first port to try; 0 lets the system choose a free one.
    pub port: u16,
    /// Print only errors.
    pub quiet: bool,
}

/// What the browser may ask for: the latest build and its error, if it failed.
#[derive(Debug, Default)]
struct State {
    /// Counts finished builds, successful or not; pages reload when it moves without error.
    generation: u64,
    /// The error of the latest build, if it failed (the site on disk is the last good one).
    error: Option<String>,
    /// At least one build succeeded, so `site/` holds a site.
    have_site: bool,
}

/// The shared state and the condition variable that wakes waiting polls.
type Shared = Arc<(Mutex<State>, Condvar)>;

/// Messages to the main loop.
enum Msg {
    Changed(Vec<PathBuf>),
    WatchError(String),
    Stop,
}

/// Runs the preview server until Ctrl-C; the temporary site folder is removed on the way out.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    let root = opts.root.clone();
    if !root.join(crate::project::PROJECT_FILE).is_file() {
        return Err(Error::Usage(format!(
            "{} has no {}; create a project with `cxsite init {}` or name the project folder",
            root.display(),
            crate::project::PROJECT_FILE,
            root.display()
        )));
    }
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(|e| Error::Usage(format!("cannot read the listening address: {e}")))?;
    let temp = TempSite::new()?;
    let site = temp.0.join("site");
    let (tx, rx) = mpsc::channel::<Msg>();

    let stop_tx = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(Msg::Stop);
    })
    .map_err(|e| Error::Usage(format!("cannot install the Ctrl-C handler: {e}")))?;

    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let build_opts =
        BuildOptions { root: root.clone(), output: Some(site.clone()), strict: false, force: true, quiet: opts.quiet };
    // The aggregates of the last good read, reused while cxsite.yaml and the data are unchanged.
    let mut cache = None;
    let watch_root = absolute(&root);
    // The project's files as the last build started to read them: a rebuild needs a change to
    // them, not just an event (a build opening its own sources is one, on Linux).
    let mut built_from = snapshot(&watch_root);
    rebuild(&build_opts, &mut cache, &shared, opts.quiet, "initial build");

    let server = Server::from_listener(listener, None)
        .map_err(|e| Error::Usage(format!("cannot start the HTTP server on {addr}: {e}")))?;
    let server = Arc::new(server);
    {
        let (server, shared, site) = (server.clone(), shared.clone(), site.clone());
        let loopback = addr.ip().is_loopback();
        std::thread::spawn(move || accept(&server, &site, &shared, loopback));
    }

    let watch_tx = tx.clone();
    let mut debouncer = new_debouncer(Duration::from_millis(200), move |res: DebounceEventResult| {
        let msg = match res {
            Ok(events) => Msg::Changed(events.into_iter().map(|e| e.path).collect()),
            Err(e) => Msg::WatchError(e.to_string()),
        };
        let _ = watch_tx.send(msg);
    })
    .map_err(|e| Error::Usage(format!("cannot watch the project for changes: {e}")))?;
    debouncer
        .watcher()
        .watch(&watch_root, RecursiveMode::Recursive)
        .map_err(|e| Error::Usage(format!("cannot watch {} for changes: {e}", watch_root.display())))?;

    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {}, so anyone who can reach this machine on the network can see the site and its data; use --bind 127.0.0.1 to keep it private",
            addr.ip()
        );
    }
    if !opts.quiet {
        let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
        let url = match addr {
            SocketAddr::V6(_) if !addr.ip().is_unspecified() => format!("http://[{host}]:{}/", addr.port()),
            _ => format!("http://{host}:{}/", addr.port()),
        };
        println!(
            "serving {} at {url} (rebuilt on every change; Ctrl-C stops)",
            crate::error::printable(&root.to_string_lossy())
        );
    }

    loop {
        match rx.recv() {
            Ok(Msg::Changed(paths)) => {
                if !paths.iter().any(|p| is_source(&watch_root, p)) {
                    continue;
                }
                // Edits often come in bursts (an editor's save, a copied folder): drain what
                // arrived meanwhile, so one build answers them all.
                let mut stop = false;
                while let Ok(m) = rx.try_recv() {
                    stop |= matches!(m, Msg::Stop);
                }
                if stop {
                    break;
                }
                let now = snapshot(&watch_root);
                let Some(what) = first_difference(&built_from, &now) else { continue };
                // A file's name is the team's data: no escape sequence of it reaches the terminal.
                let what = crate::error::printable(&what.strip_prefix(&watch_root).unwrap_or(what).to_string_lossy());
                built_from = now;
                rebuild(&build_opts, &mut cache, &shared, opts.quiet, &format!("{what} changed"));
            }
            Ok(Msg::WatchError(e)) => eprintln!("warning: watching the project: {e}"),
            Ok(Msg::Stop) | Err(_) => break,
        }
    }
    server.unblock();
    if !opts.quiet {
        println!("stopped; removed the temporary site");
    }
    drop(temp);
    Ok(())
}

/// Builds the site and records the outcome for the browser and the terminal.
fn rebuild(opts: &BuildOptions, cache: &mut Option<crate::BuildCache>, shared: &Shared, quiet: bool, why: &str) {
    let started = Instant::now();
    let outcome = crate::build_cached(opts, cache);
    let (lock, wake) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    state.generation += 1;
    match outcome {
        Ok(summary) => {
            state.error = None;
            state.have_site = true;
            if !quiet {
                println!("{why}: built {} files in {:.2} s", summary.files, started.elapsed().as_secs_f64());
            }
        }
        Err(e) => {
            // The terminal gets colour where it can; the overlay gets the same text, plain:
            // the source line and a caret under the mistake.
            use crate::diagnostics::{render_error, Style};
            let text = render_error(&e, Some(&opts.root), Style::Text);
            let kept = if state.have_site { "; still serving the last good site" } else { "" };
            eprintln!("{why}: the build failed{kept}:\n{}", render_error(&e, Some(&opts.root), Style::for_stderr()));
            state.error = Some(text);
        }
    }
    wake.notify_all();
}

/// Listens on `bind:port`, or on the next free port when it is taken.
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let mut last = None;
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    for k in 0..tries {
        let Some(p) = port.checked_add(k) else { break };
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                if k > 0 {
                    eprintln!("port {port} is taken; using {p}");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(Error::Usage(format!("cannot listen on {ip}:{p}: {e}"))),
        }
    }
    Err(Error::Usage(format!(
        "cannot listen on {ip}: ports {port}–{} are taken ({}); choose another with --port",
        port.saturating_add(tries - 1),
        last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// Whether a changed path may be one of the project's sources: anything in the project (a
/// dataset's `path` may be in any folder of it) but its default output folder, hidden files
/// and folders (`.git`, editors' swap files) and editors' backups.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut names = rel.components().map(|c| match c {
        Component::Normal(n) => n.to_str(),
        _ => None,
    });
    let Some(Some(first)) = names.next() else { return false };
    if first == OUTPUT {
        return false;
    }
    std::iter::once(Some(first)).chain(names).all(|n| n.is_some_and(|n| !is_noise(n)))
}

/// A file or folder name no build reads: hidden, an editor's backup or lock.
fn is_noise(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#'))
}

/// The length and modification time of each file [`is_source`] accepts, by path.
type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// The project's files as they are now (links followed to what they name).
fn snapshot(root: &Path) -> Snapshot {
    let walk = walkdir::WalkDir::new(root).sort_by_file_name().into_iter();
    walk.filter_entry(|e| e.depth() == 0 || is_source(root, e.path()))
        .filter_map(|e| e.ok())
        .filter(|e| e.depth() > 0)
        .filter_map(|e| {
            let meta = std::fs::metadata(e.path()).ok().filter(|m| m.is_file())?;
            Some((e.path().to_path_buf(), (meta.len(), meta.modified().ok())))
        })
        .collect()
}

/// The first file added, removed or changed between two snapshots; `None` when they are the
/// same.
fn first_difference<'s>(before: &'s Snapshot, after: &'s Snapshot) -> Option<&'s Path> {
    let changed = after.iter().find(|(p, v)| before.get(*p) != Some(v)).map(|(p, _)| p.as_path());
    changed.or_else(|| before.keys().find(|p| !after.contains_key(*p)).map(PathBuf::as_path))
}

/// The absolute form of a path, without resolving links.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

/// A temporary folder for the site, removed when dropped (also after Ctrl-C).
struct TempSite(PathBuf);

impl TempSite {
    fn new() -> Result<TempSite> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let dir = base.join(format!("cxsite-serve-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create directory", &dir, e))?;
        Ok(TempSite(dir))
    }
}

impl Drop for TempSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Answers requests, each on its own thread (a poll waits for the next build). On a loopback
/// address, only requests addressed to this machine by name are answered.
fn accept(server: &Server, site: &Path, shared: &Shared, loopback: bool) {
    for request in server.incoming_requests() {
        if declared_body(&request) > MAX_BODY {
            // tiny_http 0.12 reads an unread body away when the request is dropped, into one
            // buffer of the declared size: `Content-Length: 99999999999` aborted the process.
            // A preview never needs a body; such a request is left unanswered, its
            // connection held until the client gives up, and the server goes on.
            std::mem::forget(request);
            continue;
        }
        let (site, shared) = (site.to_path_buf(), shared.clone());
        std::thread::spawn(move || {
            let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
            let response = match host {
                Some(host) if loopback && !is_local_host(&host) => reply(
                    403,
                    "text/plain; charset=utf-8",
                    b"403: this preview answers only requests for localhost, 127.0.0.1 or [::1]\n".to_vec(),
                ),
                _ => respond(&request, &site, &shared),
            };
            let _ = request.respond(response);
        });
    }
}

/// The largest request body the preview lets its HTTP library read away (it asks for none).
const MAX_BODY: u64 = 1 << 20;

/// The body size a request's `Content-Length` declares (0 without one; a value that is no
/// number counts as too large).
fn declared_body(request: &tiny_http::Request) -> u64 {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Length"))
        .map_or(0, |h| h.value.as_str().trim().parse().unwrap_or(u64::MAX))
}

/// Whether a request's `Host` names this machine: `localhost` (or a name under it),
/// `127.0.0.1` or `[::1]`, with any port. A web page elsewhere can make a browser send
/// requests to the preview through a name of its own that it points at 127.0.0.1 (DNS
/// rebinding); such requests carry that name, and are refused, so the site's data stays on
/// this machine.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// A response with a body held in memory.
type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

/// The response to one request.
fn respond(request: &Request, site: &Path, shared: &Shared) -> Reply {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        return reply(405, "text/plain; charset=utf-8", b"only GET and HEAD\n".to_vec());
    }
    let url = request.url();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, q),
        None => (url, ""),
    };
    if let Some(own) = path.strip_prefix(PREFIX) {
        return own_endpoint(own, query, shared);
    }
    let Some(rel) = safe_path(path) else {
        return reply(403, "text/plain; charset=utf-8", b"403: this path leaves the site folder\n".to_vec());
    };
    let (have_site, error) = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        (state.have_site, state.error.clone())
    };
    if !have_site {
        let message = error.unwrap_or_else(|| "the first build has not finished yet".into());
        return reply(503, "text/html; charset=utf-8", inject(&failure_page(&message)).into_bytes());
    }
    let mut file = site.join(&rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    // A link inside the site folder must not lead out of it.
    let inside = match (std::fs::canonicalize(&file), std::fs::canonicalize(site)) {
        (Ok(real), Ok(base)) => real.starts_with(base),
        _ => false,
    };
    if !inside || !file.is_file() {
        return reply(404, "text/html; charset=utf-8", inject(&not_found_page(path)).into_bytes());
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                let html = String::from_utf8_lossy(&bytes);
                reply(200, kind, inject(&html).into_bytes())
            } else {
                reply(200, kind, bytes)
            }
        }
        Err(e) => reply(500, "text/plain; charset=utf-8", format!("cannot read the file: {e}\n").into_bytes()),
    }
}

/// `/__cxsite/…`: the script, the build state (waiting for a change when asked) and the error.
fn own_endpoint(name: &str, query: &str, shared: &Shared) -> Reply {
    match name {
        "livereload.js" => reply(200, "text/javascript; charset=utf-8", LIVERELOAD_JS.as_bytes().to_vec()),
        "poll" | "status" => {
            let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse::<u64>().ok());
            let (lock, wake) = &**shared;
            let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
            if let (Some(since), "poll") = (since, name) {
                let deadline = Instant::now() + POLL_WAIT;
                while state.generation == since {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    state = wake.wait_timeout(state, left).unwrap_or_else(|e| e.into_inner()).0;
                }
            }
            let body = serde_json::json!({ "generation": state.generation, "error": state.error });
            reply(200, "application/json", body.to_string().into_bytes())
        }
        "error" => {
            let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
            match &state.error {
                Some(e) => reply(200, "text/plain; charset=utf-8", format!("{e}\n").into_bytes()),
                None => reply(200, "text/plain; charset=utf-8", b"the last build succeeded\n".to_vec()),
            }
        }
        _ => reply(404, "text/plain; charset=utf-8", b"404: no such cxsite endpoint\n".to_vec()),
    }
}

/// The request path as a relative path inside the site, or `None` when it would leave it:
/// percent-decoded first, so `%2e%2e` and `%2f` are caught too; `.`/`..` segments,
/// backslashes and NUL are refused.
pub fn safe_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s => out.push(s),
        }
    }
    if out.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(out)
}

/// `%XX` decoding into UTF-8; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// A served HTML page with the live-reload script: its Content-Security-Policy gets
/// `connect-src 'self'` (the script polls the server), and the script tag goes before
/// `</head>` (or at the end of a page without one).
pub fn inject(html: &str) -> String {
    let tag = "<script src=\"/__cxsite/livereload.js\" defer></script>";
    let html = allow_connect(html);
    match html.find("</head>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    }
}

/// Adds `connect-src 'self'` to a CSP meta tag that lacks a `connect-src` directive.
fn allow_connect(html: &str) -> String {
    const META: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = html.find(META).map(|i| i + META.len()) else { return html.to_string() };
    let Some(len) = html[start..].find('"') else { return html.to_string() };
    let policy = &html[start..start + len];
    if policy.contains("connect-src") {
        return html.to_string();
    }
    format!("{}connect-src 'self'; {}", &html[..start], &html[start..])
}

/// Text safe to put into HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Shown instead of the site while no build has succeeded yet.
fn failure_page(message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'self'\"><title>cxsite: the build failed</title></head>\n<body style=\"font-family: system-ui, sans-serif; margin: 2em\"><h1>The build failed</h1><p>Fix the project; this page reloads when it builds.</p><pre style=\"white-space: pre-wrap\">{}</pre></body></html>\n",
        escape(message)
    )
}

/// The 404 page.
fn not_found_page(path: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'self'\"><title>Not found</title></head>\n<body style=\"font-family: system-ui, sans-serif; margin: 2em\"><h1>404: not found</h1><p>The site has no page <code>{}</code>. <a href=\"/index.html\">Go to the home page</a>.</p></body></html>\n",
        escape(path)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_site_even_when_encoded() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%2f..%2f..%2fx",
            "/a\\..\\x",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(safe_path("/"), Some(PathBuf::new()));
        assert_eq!(safe_path("/touchpoints/a%20b.html"), Some(PathBuf::from("touchpoints/a b.html")));
    }

    #[test]
    fn only_hosts_that_name_this_machine_are_local() {
        for ok in [
            "localhost",
            "localhost:1111",
            "LocalHost.:80",
            "app.localhost:5",
            "127.0.0.1:1111",
            "127.0.0.2",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[::2]:1",
            "10.0.0.1:1111",
            "",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn sources_are_the_project_but_its_output_and_hidden_or_backup_files() {
        let root = Path::new("/p");
        for yes in
            ["/p/cxsite.yaml", "/p/data/a.csv", "/p/exports/2024/x.xlsx", "/p/locales/fr.yaml", "/p/publications/x.csv"]
        {
            assert!(is_source(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/p",
            "/p/public/index.html",
            "/p/.git/index",
            "/p/data/.a.csv.swp",
            "/p/cxsite.yaml~",
            "/p/pages/#n.md#",
            "/q/cxsite.yaml",
        ] {
            assert!(!is_source(root, Path::new(no)), "{no}");
        }
    }

    #[test]
    fn a_snapshot_tells_changed_added_and_removed_files_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("cxsite-snapshot-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::create_dir_all(dir.join("public")).unwrap();
        std::fs::write(dir.join("cxsite.yaml"), "title: a\n").unwrap();
        std::fs::write(dir.join("data/a.csv"), "x\n1\n").unwrap();
        let first = snapshot(&dir);
        assert_eq!(first.len(), 2, "{first:?}");
        // Reading, and writing the output or a hidden file, change nothing.
        std::fs::read(dir.join("cxsite.yaml")).unwrap();
        std::fs::write(dir.join("public/index.html"), "x").unwrap();
        std::fs::write(dir.join(".notes"), "x").unwrap();
        assert_eq!(first_difference(&first, &snapshot(&dir)), None);
        std::fs::write(dir.join("data/a.csv"), "x\n12\n").unwrap();
        let second = snapshot(&dir);
        assert_eq!(first_difference(&first, &second), Some(dir.join("data/a.csv").as_path()));
        std::fs::remove_file(dir.join("data/a.csv")).unwrap();
        assert_eq!(first_difference(&second, &snapshot(&dir)), Some(dir.join("data/a.csv").as_path()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn injection_adds_the_script_and_lets_it_connect() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body></body></html>";
        let served = inject(page);
        assert!(served.contains("content=\"connect-src 'self'; default-src 'none'"));
        assert!(served.contains("<script src=\"/__cxsite/livereload.js\" defer></script></head>"));
    }

    #[test]
    fn error_text_is_escaped_on_the_failure_page() {
        let page = failure_page("<script>alert(1)</script> & \"x\"");
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }
}
