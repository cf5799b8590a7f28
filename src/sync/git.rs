//! The system `git`, run on talkbook's own bare repository (`DATA/sync.git`). Only
//! plumbing that writes objects and moves one ref at a time, so that a sync stopped at
//! any moment leaves a repository git accepts: objects are written before the ref that
//! names them, and refs move atomically.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use thiserror::Error;

/// The branch every machine and teammate shares.
pub const BRANCH: &str = "main";
const REMOTE_BRANCH: &str = "refs/remotes/origin/main";

#[derive(Debug, Error)]
pub enum GitError {
    #[error(
        "talkbook sync uses git, which is not installed here (or not on PATH); install git and sync again"
    )]
    Missing,
    /// git ran and failed: its first line of complaint.
    #[error("{0}")]
    Failed(String),
}

/// A bare repository and the identity its commits are made with.
pub struct Repo {
    dir: PathBuf,
    /// A private index, so no work tree is ever needed.
    index: PathBuf,
    author: String,
    email: String,
    /// Never ask anything on the terminal (the app's screen is on it): ssh in batch
    /// mode fails where it would ask for a passphrase or a new host key.
    quiet_ssh: bool,
}

/// What `git` printed to say why it failed, in one line.
fn first_complaint(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("hint:"))
        .collect();
    lines
        .iter()
        .find(|line| {
            line.starts_with("fatal:") || line.starts_with("error:") || line.starts_with("! ")
        })
        .or(lines.first())
        .map(|line| {
            line.trim_start_matches("fatal: ")
                .trim_start_matches("error: ")
                .to_string()
        })
        .unwrap_or_else(|| "git failed and said nothing".into())
}

impl Repo {
    /// The repository at `dir`, made (bare, on `main`) if it is not there yet.
    /// `quiet_ssh`: the terminal belongs to the app (see [`Repo`]).
    pub fn open_or_init(dir: &Path, author: &str, quiet_ssh: bool) -> Result<Repo, GitError> {
        let email = format!("{}@talkbook.invalid", slug(author));
        let repo = Repo {
            dir: dir.to_path_buf(),
            index: dir.join("talkbook-index"),
            author: author.to_string(),
            email,
            quiet_ssh,
        };
        if !dir.join("HEAD").is_file() {
            std::fs::create_dir_all(dir).map_err(|error| {
                GitError::Failed(format!("cannot make {}: {error}", dir.display()))
            })?;
            repo.run(&["init", "--quiet", "--bare", "--initial-branch", BRANCH])?;
        }
        Ok(repo)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command
            .arg("--git-dir")
            .arg(&self.dir)
            .args(["-c", &format!("user.name={}", self.author)])
            .args(["-c", &format!("user.email={}", self.email)])
            .args(["-c", "core.quotepath=false"])
            .args(args)
            .env("GIT_INDEX_FILE", &self.index)
            // Never stop to ask for a password on a terminal that is not watching: a
            // remote that needs one fails with a line that says so.
            .env("GIT_TERMINAL_PROMPT", "0")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .stdin(Stdio::null());
        if self.quiet_ssh && std::env::var_os("GIT_SSH_COMMAND").is_none() {
            command.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        command
    }

    /// Runs git; its standard output on success.
    fn run(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        self.run_with_input(args, None)
    }

    fn run_with_input(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
        let mut command = self.command(args);
        if input.is_some() {
            command.stdin(Stdio::piped());
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => GitError::Missing,
                _ => GitError::Failed(format!("cannot run git: {error}")),
            })?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin
                .write_all(input)
                .map_err(|error| GitError::Failed(format!("cannot talk to git: {error}")))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|error| GitError::Failed(format!("git did not finish: {error}")))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(GitError::Failed(first_complaint(&output.stderr)))
        }
    }

    fn text(&self, args: &[&str]) -> Result<String, GitError> {
        Ok(String::from_utf8_lossy(&self.run(args)?).trim().to_string())
    }

    /// The remote's address, if one is set.
    pub fn remote(&self) -> Option<String> {
        self.text(&["config", "--get", "remote.origin.url"])
            .ok()
            .filter(|url| !url.is_empty())
    }

    pub fn set_remote(&self, url: &str) -> Result<(), GitError> {
        if self.remote().is_some() {
            self.run(&["remote", "set-url", "origin", url])?;
        } else {
            self.run(&["remote", "add", "origin", url])?;
        }
        Ok(())
    }

    /// The commit `name` points at, if any.
    pub fn commit_of(&self, name: &str) -> Option<String> {
        self.text(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{name}^{{commit}}"),
        ])
        .ok()
        .filter(|id| !id.is_empty())
    }

    pub fn head(&self) -> Option<String> {
        self.commit_of(&format!("refs/heads/{BRANCH}"))
    }

    pub fn fetched(&self) -> Option<String> {
        self.commit_of(REMOTE_BRANCH)
    }

    /// Fetches the remote's branch. `Ok(false)`: the remote has no branch yet (a new,
    /// empty repository).
    pub fn fetch(&self) -> Result<bool, GitError> {
        match self.run(&[
            "fetch",
            "--quiet",
            "--no-tags",
            "origin",
            &format!("+refs/heads/{BRANCH}:{REMOTE_BRANCH}"),
        ]) {
            Ok(_) => Ok(true),
            Err(GitError::Failed(why)) if why.contains("couldn't find remote ref") => {
                // Nothing there yet: forget what an earlier fetch saw.
                let _ = self.run(&["update-ref", "-d", REMOTE_BRANCH]);
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    pub fn push(&self, commit: &str) -> Result<(), GitError> {
        self.run(&[
            "push",
            "--quiet",
            "origin",
            &format!("{commit}:refs/heads/{BRANCH}"),
        ])?;
        // What the remote now has.
        self.run(&["update-ref", REMOTE_BRANCH, commit])?;
        Ok(())
    }

    pub fn is_ancestor(&self, ancestor: &str, of: &str) -> bool {
        self.run(&["merge-base", "--is-ancestor", ancestor, of])
            .is_ok()
    }

    pub fn merge_base(&self, a: &str, b: &str) -> Option<String> {
        self.text(&["merge-base", a, b])
            .ok()
            .filter(|id| !id.is_empty())
    }

    /// Every file of `commit`'s tree: path → blob id.
    pub fn files(&self, commit: &str) -> Result<Vec<(String, String)>, GitError> {
        let listing = self.run(&["ls-tree", "-r", "-z", commit])?;
        Ok(listing
            .split(|byte| *byte == 0)
            .filter_map(|entry| {
                let entry = std::str::from_utf8(entry).ok()?;
                let (meta, path) = entry.split_once('\t')?;
                let id = meta.split_whitespace().nth(2)?;
                Some((path.to_string(), id.to_string()))
            })
            .collect())
    }

    pub fn blob(&self, id: &str) -> Result<Vec<u8>, GitError> {
        self.run(&["cat-file", "blob", id])
    }

    /// When `path` was last changed in `commit`'s history, and that commit's message
    /// (`talkbook sync: Alice on laptop-b`, then a `saved NAME SECONDS` line a notebook).
    pub fn last_change(&self, commit: &str, path: &str) -> Option<(i64, String)> {
        let text = self
            .text(&["log", "-1", "--format=%ct%n%B", commit, "--", path])
            .ok()?;
        let (time, message) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        Some((time.trim().parse().ok()?, message.to_string()))
    }

    /// A commit whose tree is `parent_tree`'s files with `files` put in (path → bytes),
    /// with `parents`; its id.
    pub fn commit(
        &self,
        base_tree_of: Option<&str>,
        files: &[(String, Vec<u8>)],
        parents: &[&str],
        message: &str,
    ) -> Result<String, GitError> {
        let _ = std::fs::remove_file(&self.index);
        match base_tree_of {
            Some(commit) => self.run(&["read-tree", commit])?,
            None => self.run(&["read-tree", "--empty"])?,
        };
        for (path, bytes) in files {
            let id = String::from_utf8_lossy(
                &self.run_with_input(&["hash-object", "-w", "--stdin"], Some(bytes))?,
            )
            .trim()
            .to_string();
            self.run(&[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("100644,{id},{path}"),
            ])?;
        }
        let tree = self.text(&["write-tree"])?;
        let _ = std::fs::remove_file(&self.index);
        if let [parent] = parents
            && self.text(&["rev-parse", &format!("{parent}^{{tree}}")])? == tree
        {
            // Nothing changed: no empty commit.
            return Ok((*parent).to_string());
        }
        let mut args = vec!["commit-tree", tree.as_str(), "-m", message];
        for parent in parents {
            args.push("-p");
            args.push(parent);
        }
        self.text(&args)
    }

    /// Moves `main` to `commit` (from `old`, so a concurrent move is noticed).
    pub fn set_head(&self, commit: &str, old: Option<&str>) -> Result<(), GitError> {
        let branch = format!("refs/heads/{BRANCH}");
        match old {
            Some(old) => self.run(&["update-ref", &branch, commit, old])?,
            None => self.run(&["update-ref", &branch, commit])?,
        };
        Ok(())
    }
}

/// A name as a folder of the repository: `Alice Example` → `alice-example`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        // A name in another script: still a stable folder of its own.
        let sum = name.bytes().fold(0u32, |sum, byte| {
            sum.wrapping_mul(31).wrapping_add(u32::from(byte))
        });
        format!("author-{sum:08x}")
    } else {
        slug.to_string()
    }
}

/// git's `user.name`, as the author when the settings name none.
pub fn git_user_name() -> Option<String> {
    let output = Command::new("git")
        .args(["config", "--get", "user.name"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_folders() {
        assert_eq!(slug("Alice Example"), "alice-example");
        assert_eq!(slug("  Bob  O'Neil! "), "bob-o-neil");
        assert_eq!(slug("李雷"), slug("李雷"));
        assert!(slug("李雷").starts_with("author-"));
        assert_ne!(slug("李雷"), slug("韩梅梅"));
    }

    #[test]
    fn git_says_why_in_one_line() {
        assert_eq!(
            first_complaint(b"hint: x\nfatal: repository '/nowhere' does not exist\n"),
            "repository '/nowhere' does not exist"
        );
        assert_eq!(
            first_complaint(b"To /tmp/r\n ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs\n"),
            "! [rejected]        main -> main (fetch first)"
        );
        assert_eq!(first_complaint(b""), "git failed and said nothing");
    }
}
