//! The colours a person may choose (`config.toml`'s `[theme]`): their names, defaults
//! and how a colour is written. [`crate::config`] reads them, [`crate::ui::theme`] paints
//! with them.

use std::str::FromStr as _;

use ratatui::style::Color;

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
