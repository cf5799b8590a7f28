//! A talk's rating: one to three stars, given with `r` while it is fresh, and none by
//! default. Kept in the notebook as a number (`"rating": 2`); a hand-edited number
//! beyond three is refused on load with its line and column, never shown as forty stars.

use serde::{Deserialize, Deserializer, Serialize};

/// The most stars a talk can have.
pub const MAX_STARS: u8 = 3;

/// How many stars (0 = not rated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rating(u8);

impl Rating {
    pub const NONE: Rating = Rating(0);

    /// `stars` if it is a rating (0 to [`MAX_STARS`]).
    pub fn new(stars: u8) -> Option<Rating> {
        (stars <= MAX_STARS).then_some(Rating(stars))
    }

    pub fn stars(self) -> u8 {
        self.0
    }

    pub fn is_none(&self) -> bool {
        self.0 == 0
    }

    /// One star more; after the most, none again.
    pub fn next(self) -> Rating {
        if self.0 >= MAX_STARS {
            Rating(0)
        } else {
            Rating(self.0 + 1)
        }
    }

    /// `★★★`; empty when not rated.
    pub fn symbols(self) -> String {
        "★".repeat(usize::from(self.0))
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stars = u8::deserialize(deserializer)?;
        Rating::new(stars).ok_or_else(|| {
            serde::de::Error::custom(format!("a rating is 0 to {MAX_STARS} stars, not {stars}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_adds_a_star_up_to_three_and_a_fourth_press_clears() {
        let mut rating = Rating::NONE;
        let mut seen = Vec::new();
        for _ in 0..5 {
            rating = rating.next();
            seen.push(rating.symbols());
        }
        assert_eq!(seen, ["★", "★★", "★★★", "", "★"]);
    }

    #[test]
    fn a_rating_beyond_three_is_refused_when_read() {
        assert_eq!(serde_json::from_str::<Rating>("2").unwrap(), Rating(2));
        let error = serde_json::from_str::<Rating>("40").unwrap_err();
        assert!(
            error.to_string().contains("0 to 3 stars, not 40"),
            "{error}"
        );
        assert!(serde_json::from_str::<Rating>("-1").is_err());
        assert!(serde_json::from_str::<Rating>("300").is_err());
    }
}
