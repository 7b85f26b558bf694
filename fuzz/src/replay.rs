//! The stable (non-libFuzzer) `main` of the fuzz targets: replays corpus files through a check.

use std::path::{Path, PathBuf};

/// Runs `check` on every file named on the command line (directories: every file under them,
/// recursively), or on `<manifest_dir>/corpus/<target>/` when no argument is given, and prints
/// how many inputs it replayed. Inputs that violate the property (panic) are named on stderr and
/// make it exit with status 1 after all inputs ran.
pub fn main(target: &str, manifest_dir: &str, check: fn(&[u8])) {
    let mut roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        roots.push(Path::new(manifest_dir).join("corpus").join(target));
    }
    let mut files = Vec::new();
    for root in &roots {
        collect(root, &mut files);
    }
    files.sort();
    let mut failed = 0;
    for file in &files {
        let data =
            std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            eprintln!("{target}: FAILED on {}", file.display());
            failed += 1;
        }
    }
    println!("{target}: replayed {} inputs, {failed} failed", files.len());
    if failed > 0 {
        std::process::exit(1);
    }
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    let meta =
        std::fs::metadata(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    if meta.is_dir() {
        let entries = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()));
            collect(&entry.path(), files);
        }
    } else {
        files.push(path.to_path_buf());
    }
}
