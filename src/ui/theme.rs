//! Colours and marks in one place. Meaning is always carried by marks and borders too,
//! so a monochrome terminal (or `NO_COLOR`) loses nothing but colour.

use ratatui::style::{Color, Modifier, Style};

use crate::model::TalkState;
pub use crate::palette::{PALETTE_ENTRIES, Palette};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub unicode: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            unicode: true,
            palette: Palette::default(),
        }
    }
}

impl Theme {
    /// Honours `NO_COLOR` and falls back to ASCII marks when the locale is not UTF-8.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let unicode = locale.contains("utf-8") || locale.contains("utf8");
        Theme {
            color: !no_color,
            unicode,
            palette: Palette::default(),
        }
    }

    pub fn mark(&self, state: TalkState) -> &'static str {
        match (state, self.unicode) {
            (TalkState::Planned, true) => "★",
            (TalkState::Planned, false) => "o",
            (TalkState::Attended, true) => "✓",
            (TalkState::Skipped, true) => "✗",
            (TalkState::Attended, false) => "+",
            (TalkState::Skipped, false) => "-",
            (TalkState::Unmarked, _) => " ",
        }
    }

    /// Shown after the state mark of a talk that has notes.
    pub fn has_notes_mark(&self) -> &'static str {
        if self.unicode { "✎" } else { "*" }
    }

    /// A rating beside a talk's title: `★★ ` (`2/3 ` in ASCII, where `*` means notes);
    /// nothing when it has none.
    pub fn rating(&self, rating: crate::model::Rating) -> String {
        match (rating.stars(), self.unicode) {
            (0, _) => String::new(),
            (_, true) => format!("{} ", rating.symbols()),
            (stars, false) => format!("{stars}/{} ", crate::model::rating::MAX_STARS),
        }
    }

    /// Before a missed talk's title when it has a recording to watch.
    pub fn recording_mark(&self) -> &'static str {
        if self.unicode { "▶ " } else { "> " }
    }

    pub fn dash(&self) -> &'static str {
        if self.unicode { "—" } else { "-" }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn state_style(&self, state: TalkState) -> Style {
        match state {
            TalkState::Planned => self.fg(self.palette.planned),
            TalkState::Attended => self.fg(self.palette.attended),
            TalkState::Skipped => self.fg(self.palette.skipped).add_modifier(Modifier::DIM),
            TalkState::Unmarked => Style::default(),
        }
    }

    /// A talk that is no longer in the imported schedule.
    pub fn removed(&self) -> Style {
        Style::default().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
    }

    pub fn focused_border(&self) -> Style {
        self.fg(self.palette.focus).add_modifier(Modifier::BOLD)
    }

    pub fn slot_heading(&self) -> Style {
        self.fg(self.palette.time_slot).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Text selected in the editor (Shift and a move): a background, or underlined
    /// without colour, so the reversed cursor still shows inside it.
    pub fn text_selection(&self) -> Style {
        if self.color {
            Style::default().bg(Color::LightBlue)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn bar(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}
