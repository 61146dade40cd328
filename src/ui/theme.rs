//! Every colour the app uses, as named ANSI colours so they follow the
//! terminal's palette. With `NO_COLOR` set, meaning is carried by symbols,
//! bold and reverse video alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::clock::Pace;
use crate::domain::{DepStatus, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub const COLOR: Theme = Theme { color: true };
    pub const PLAIN: Theme = Theme { color: false };

    /// Colour unless the `NO_COLOR` convention asks for none.
    pub fn from_env(no_color: Option<&str>) -> Theme {
        Theme {
            color: no_color.is_none_or(str::is_empty),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn status(self, s: Status) -> Style {
        match s {
            Status::OnTrack => self.fg(Color::Green),
            Status::AtRisk => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Status::OffTrack => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Missing => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
        }
    }

    pub fn dep(self, s: DepStatus) -> Style {
        match s {
            DepStatus::OnTrack => self.fg(Color::Green),
            DepStatus::AtRisk => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            DepStatus::Blocked => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            DepStatus::Done => self.dim(),
        }
    }

    pub fn pace(self, p: Pace) -> Style {
        match p {
            Pace::Fine => self.fg(Color::Green),
            Pace::NearEnd => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Pace::Over => self
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Bold without colour: what must read from the back of the room.
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
