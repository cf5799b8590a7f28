//! People named in notes as `@Name`: `@alice`, or `@Alice Example` (a name goes on while
//! its words are capitalised). An `@` inside a word (`me@example.org`) names nobody.

/// The names `text` mentions, in order (repeats included), without the `@`.
pub fn mentions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let after_word = previous.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '@');
        previous = Some(c);
        if c != '@' || after_word {
            continue;
        }
        let mut name = word(&mut chars);
        if name.is_empty() {
            continue;
        }
        // `@Alice Example`: more capitalised words, one space apart.
        if starts_upper(&name) {
            loop {
                let mut ahead = chars.clone();
                if ahead.next() != Some(' ') {
                    break;
                }
                if !ahead.peek().copied().is_some_and(char::is_uppercase) {
                    break;
                }
                let next = word(&mut ahead);
                if !starts_upper(&next) {
                    break;
                }
                name.push(' ');
                name.push_str(&next);
                chars = ahead;
            }
        }
        previous = name.chars().last();
        found.push(name);
    }
    found
}

/// A name's word: letters, digits, `-`, `_` and inner dots (`@j.doe`), taken from
/// `chars`; a dot at its end is the sentence's.
fn word(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut word = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_alphanumeric() || is_combining_mark(c) || c == '-' || c == '_' || c == '.' {
            word.push(c);
            chars.next();
        } else {
            break;
        }
    }
    let trimmed = word.trim_end_matches(['.', '-']).len();
    word.truncate(trimmed);
    word
}

/// Combining marks (`e` + U+0301 is `é`): part of the letter before them.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_goes_on_while_its_words_are_capitalised() {
        assert_eq!(
            mentions("talked to @Alice Example after, and @bob too"),
            ["Alice Example", "bob"]
        );
        assert_eq!(
            mentions("@Guido van Rossum said so"),
            ["Guido"],
            "a lowercase word ends the name"
        );
        assert_eq!(mentions("ask @Jay Miller."), ["Jay Miller"]);
        assert_eq!(mentions("(@Sydney Runkle, Pydantic)"), ["Sydney Runkle"]);
        assert_eq!(mentions("@j.doe."), ["j.doe"]);
    }

    #[test]
    fn an_at_inside_a_word_or_alone_names_nobody() {
        assert!(mentions("mail me@example.org").is_empty());
        assert!(mentions("@ noon, @@ and @").is_empty());
        assert!(mentions("user_@x").is_empty());
    }

    #[test]
    fn names_in_any_script_and_at_the_edges_of_the_text() {
        assert_eq!(mentions("@Ünal Öztürk"), ["Ünal Öztürk"]);
        assert_eq!(mentions("@李雷 and @Élodie"), ["李雷", "Élodie"]);
        assert_eq!(mentions("@İlker Kelvin K"), ["İlker Kelvin K"]);
        assert_eq!(mentions("@Zoë"), ["Zoë"]);
        assert_eq!(mentions("x @A B\u{301} C"), ["A B\u{301} C"]);
    }
}
