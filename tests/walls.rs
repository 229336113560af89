//! The walls between the layers, checked rather than promised: the domain
//! crate knows neither the web framework, nor the database, nor the runtime
//! (the compiler holds it: they are not its dependencies); `db/`
//! knows no HTTP and not the API's error type; `usecases/` knows no HTTP;
//! `routes/` knows no diesel and opens no transaction, and its handlers stay
//! short: parse, call, answer.

#![allow(clippy::expect_used)]
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lines of code under `src/<layer>` that name any of `forbidden` (comments skipped).
fn offences(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer);
    let mut found = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).expect("source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for name in forbidden {
                if code.contains(name) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

/// The domain is a crate of its own: what it may not use, it cannot name,
/// because its manifest does not list it. This keeps the manifest so.
#[test]
fn the_domain_crate_depends_on_no_framework_database_or_runtime() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/Cargo.toml");
    let text = std::fs::read_to_string(manifest).expect("the domain crate's manifest");
    let dependencies: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim()))
        .collect();
    assert!(
        dependencies.contains(&"chrono"),
        "the manifest is read: {dependencies:?}"
    );
    let forbidden = [
        "actix",
        "diesel",
        "tokio",
        "deadpool",
        "reqwest",
        "agency-registry",
        "metrics",
    ];
    let found: Vec<_> = dependencies
        .iter()
        .filter(|d| forbidden.iter().any(|f| d.starts_with(f)))
        .collect();
    assert!(found.is_empty(), "the domain crate must stay pure: {found:?}");
}

#[test]
fn the_database_layer_knows_no_http() {
    let found = offences(
        "db",
        &["actix", "ApiError", "crate::error", "crate::routes", "HttpResponse"],
    );
    assert!(found.is_empty(), "db/ must not know HTTP:\n{}", found.join("\n"));
}

#[test]
fn the_use_cases_know_no_http() {
    let found = offences("usecases", &["actix", "HttpResponse", "HttpRequest", "crate::routes"]);
    assert!(found.is_empty(), "usecases/ must not know HTTP:\n{}", found.join("\n"));
}

#[test]
fn handlers_touch_no_database_layer_of_their_own() {
    let found = offences("routes", &["diesel", "transaction", "AuditEvent::append"]);
    assert!(
        found.is_empty(),
        "routes/ parse, call and answer; changes go through usecases/:\n{}",
        found.join("\n")
    );
}

/// Lines of each handler (the function after a route attribute), by file.
fn handler_lengths() -> Vec<(String, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("routes");
    let mut lengths = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).expect("source file");
        let lines: Vec<&str> = text.lines().collect();
        let routes = ["#[get(", "#[post(", "#[put(", "#[patch(", "#[delete("];
        for (i, line) in lines.iter().enumerate() {
            if !routes.iter().any(|r| line.starts_with(r)) {
                continue;
            }
            let start = (i..lines.len()).find(|&j| lines[j].starts_with("pub async fn"));
            let end = start.and_then(|s| (s..lines.len()).find(|&j| lines[j] == "}"));
            if let (Some(start), Some(end)) = (start, end) {
                lengths.push((format!("{}:{}", file.display(), start + 1), end - start + 1));
            }
        }
    }
    lengths
}

#[test]
fn handlers_are_short() {
    let lengths = handler_lengths();
    assert!(lengths.len() >= 25, "every operation's handler is found: {lengths:?}");
    let long: Vec<_> = lengths.iter().filter(|(_, n)| *n > 40).collect();
    assert!(long.is_empty(), "handlers over 40 lines: {long:?}");
}

#[test]
fn the_wall_check_sees_what_it_forbids() {
    // A check that cannot fail is no check: it finds the web framework where it belongs.
    assert!(!offences("routes", &["actix_web"]).is_empty());
    assert!(!offences("usecases", &["transaction"]).is_empty());
    assert!(handler_lengths().iter().any(|(_, n)| *n > 10));
}

/// The module a source file is: `src/routes/agencies/mod.rs` is `routes::agencies`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts
}

/// The file of the deepest module that `path` names (an item's path names
/// the module that defines it).
fn file_of(src: &Path, path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|n| {
        let dir: PathBuf = path[..n].iter().collect();
        [src.join(&dir).with_extension("rs"), src.join(&dir).join("mod.rs")]
            .into_iter()
            .find(|f| f.is_file())
    })
}

/// Every file each source file names through `crate::`, `super::` or its own
/// child modules, outside test code.
fn imports(src: &Path) -> std::collections::BTreeMap<PathBuf, std::collections::BTreeSet<PathBuf>> {
    import_graph(src, false)
}

/// The import graph; with `through_reexports`, a `pub use` is an edge too
/// (what a module re-exports, its users reach).
fn import_graph(
    src: &Path,
    through_reexports: bool,
) -> std::collections::BTreeMap<PathBuf, std::collections::BTreeSet<PathBuf>> {
    let path_re = regex::Regex::new(
        r"(?:^|[^A-Za-z0-9_:])((?:crate|super|[a-z_][a-z0-9_]*)(?:::[A-Za-z_][A-Za-z0-9_]*)*)(?:::\{([^}]*)\})?",
    )
    .expect("regex");
    let reexport_re = regex::Regex::new(r"pub use [^;]*;").expect("regex");
    let mod_re = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([a-z]+\))? )?mod ([a-z_0-9]+);").expect("regex");
    let mut graph = std::collections::BTreeMap::new();
    for file in rust_files(src) {
        let code = code_of(&file);
        // A re-export (`pub use child::Item`) makes a module a facade of its
        // children, not a user of them.
        let code = if through_reexports {
            code.replace("pub use ", "use ")
        } else {
            reexport_re.replace_all(&code, "").into_owned()
        };
        let here = module_of(src, &file);
        let children: Vec<String> = mod_re.captures_iter(&code).map(|c| c[1].to_owned()).collect();
        let mut targets = std::collections::BTreeSet::new();
        for found in path_re.captures_iter(&code) {
            let segments: Vec<&str> = found[1].split("::").collect();
            if segments.len() == 1 && found.get(2).is_none() {
                continue; // a bare word, or a `mod` declaration: not a path
            }
            let mut path: Vec<String> = match segments[0] {
                "crate" => Vec::new(),
                "super" => {
                    let mut parent = here.clone();
                    parent.pop();
                    parent
                }
                first if children.iter().any(|c| c == first) => {
                    let mut p = here.clone();
                    p.push(first.to_owned());
                    p.extend(segments[1..].iter().map(|s| s.to_string()));
                    let items = found.get(2).map(|m| m.as_str()).unwrap_or_default();
                    push_targets(src, &p, items, &mut targets);
                    continue;
                }
                _ => continue,
            };
            path.extend(segments[1..].iter().filter(|s| **s != "super").map(|s| s.to_string()));
            let items = found.get(2).map(|m| m.as_str()).unwrap_or_default();
            push_targets(src, &path, items, &mut targets);
        }
        targets.remove(&file);
        graph.insert(file, targets);
    }
    graph
}

fn push_targets(src: &Path, path: &[String], items: &str, targets: &mut std::collections::BTreeSet<PathBuf>) {
    let mut named = false;
    for item in items
        .split(',')
        .map(|i| i.trim().split("::").next().unwrap_or_default())
    {
        if item.is_empty() || item == "self" {
            continue;
        }
        let mut full = path.to_vec();
        full.push(item.to_owned());
        if let Some(file) = file_of(src, &full) {
            targets.insert(file);
            named = true;
        }
    }
    if !named || items.contains("self") {
        if let Some(file) = file_of(src, path) {
            targets.insert(file);
        }
    }
}

/// A cycle in `graph`, if there is one.
fn cycle(graph: &std::collections::BTreeMap<PathBuf, std::collections::BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        node: &PathBuf,
        graph: &std::collections::BTreeMap<PathBuf, std::collections::BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut std::collections::BTreeSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut found = stack[at..].to_vec();
            found.push(node.clone());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_source_files_import_each_other_even_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = imports(&src);
    if let Some(found) = cycle(&graph) {
        let names: Vec<_> = found
            .iter()
            .map(|f| f.strip_prefix(&src).unwrap_or(f).display().to_string())
            .collect();
        panic!("an import cycle: {}", names.join(" -> "));
    }
    // The check sees imports: the binary names the CLI, handlers name their use cases.
    let edge = |from: &str, to: &str| graph[&src.join(from)].contains(&src.join(to));
    assert!(edge("startup.rs", "openapi.rs"));
    assert!(edge("routes/licenses/create_license_event.rs", "usecases/licenses.rs"));
    assert!(edge(
        "routes/complaints/create_complaint.rs",
        "routes/complaints/mod.rs"
    ));
    let mut with_cycle = graph.clone();
    with_cycle
        .entry(src.join("usecases/licenses.rs"))
        .or_default()
        .insert(src.join("routes/licenses/create_license_event.rs"));
    assert!(cycle(&with_cycle).is_some());
}

/// A source file's code outside its tests, without comments.
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).expect("source file");
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Files whose code names the web framework or HTTP types.
fn speaks_http(file: &Path) -> bool {
    let code = code_of(file);
    ["actix", "HttpResponse", "HttpRequest", "StatusCode", "reqwest"]
        .iter()
        .any(|word| code.contains(word))
}

/// Every file `from` reaches through imports and re-exports, with the path to it.
fn reached(
    graph: &std::collections::BTreeMap<PathBuf, std::collections::BTreeSet<PathBuf>>,
    from: &Path,
) -> std::collections::BTreeMap<PathBuf, Vec<PathBuf>> {
    let mut paths = std::collections::BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([vec![from.to_path_buf()]]);
    while let Some(path) = queue.pop_front() {
        let last = path.last().expect("a path").clone();
        if paths.contains_key(&last) {
            continue;
        }
        for next in graph.get(&last).into_iter().flatten() {
            let mut longer = path.clone();
            longer.push(next.clone());
            queue.push_back(longer);
        }
        paths.insert(last, path);
    }
    paths
}

/// The use cases (and the database layer) reach no file that speaks HTTP,
/// however they reach it: through a module, a type's home or a re-export.
#[test]
fn no_http_type_is_reachable_from_the_use_cases_or_the_database_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = import_graph(&src, true);
    let mut found = Vec::new();
    for layer in ["usecases", "db"] {
        for file in rust_files(&src.join(layer)) {
            for (target, path) in reached(&graph, &file) {
                if speaks_http(&target) {
                    let names: Vec<_> = path
                        .iter()
                        .map(|f| f.strip_prefix(&src).unwrap_or(f).display().to_string())
                        .collect();
                    found.push(names.join(" -> "));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "HTTP reached from the core:\n{}", found.join("\n"));
    // The check sees through a re-export: a handler reaches the error type.
    let handler = src.join("routes/licenses/create_license_event.rs");
    assert!(reached(&graph, &handler).contains_key(&src.join("error.rs")));
    assert!(speaks_http(&src.join("error.rs")));
}
