//! Colours and marks in one place. Meaning is always carried by marks and borders too,
//! so a monochrome terminal (or `NO_COLOR`) loses nothing but colour.

use std::str::FromStr as _;

use ratatui::style::{Color, Modifier, Style};

use crate::model::TalkState;

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

/// The colours that can be changed in `config.toml`'s `[theme]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub focus: Color,
    pub time_slot: Color,
    pub planned: Color,
    pub attended: Color,
    pub skipped: Color,
    pub error: Color,
}

/// Each colour's name in `config.toml`, its default and what it paints.
pub const PALETTE_ENTRIES: &[(&str, &str, &str)] = &[
    ("focus", "cyan", "border of the focused pane and of pop-ups"),
    (
        "time_slot",
        "yellow",
        "time slot headings and keys in the status line",
    ),
    ("planned", "yellow", "talks marked planned"),
    ("attended", "green", "talks marked attended"),
    ("skipped", "darkgray", "talks marked skipped"),
    ("error", "red", "NOT SAVED and other errors"),
];

impl Default for Palette {
    fn default() -> Self {
        let mut palette = Palette {
            focus: Color::Reset,
            time_slot: Color::Reset,
            planned: Color::Reset,
            attended: Color::Reset,
            skipped: Color::Reset,
            error: Color::Reset,
        };
        for (name, color, _) in PALETTE_ENTRIES {
            palette.set(name, color).expect("default colours are valid");
        }
        palette
    }
}

impl Palette {
    /// Sets the colour called `name` from a colour name, `#rrggbb` or a 256-colour index.
    pub fn set(&mut self, name: &str, color: &str) -> Result<(), String> {
        let slot = match name {
            "focus" => &mut self.focus,
            "time_slot" => &mut self.time_slot,
            "planned" => &mut self.planned,
            "attended" => &mut self.attended,
            "skipped" => &mut self.skipped,
            "error" => &mut self.error,
            _ => {
                let names: Vec<&str> = PALETTE_ENTRIES.iter().map(|(name, ..)| *name).collect();
                return Err(format!(
                    "unknown colour {name:?}; the theme has {}",
                    names.join(", ")
                ));
            }
        };
        *slot = Color::from_str(color).map_err(|_| {
            format!("{color:?} is not a colour: use a name like \"cyan\" or \"darkgray\", \"#rrggbb\", or a number 0-255")
        })?;
        Ok(())
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
