//! Credentials (`ApiKey`, `AcctToken`, `ProfileToken`, `AuthToken`): text that is written to the
//! wire as it is but never shown by `Debug` (so it cannot reach logs through `{:?}` of a DTO).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A credential string. Serialized as plain text; `Debug` prints `Secret(<redacted>)`.
///
/// ```
/// use clubready_wire::Secret;
/// let key = Secret::from("3f9c2a7e-51b4");
/// assert_eq!(format!("{key:?}"), "Secret(<redacted>)");
/// assert_eq!(key.expose(), "3f9c2a7e-51b4");
/// assert_eq!(clubready_wire::jsv::to_string(&key).unwrap(), "3f9c2a7e-51b4");
/// ```
///
/// Equality takes the same time wherever two credentials of the same length differ (a timing
/// side channel must not tell how much of a guessed key was right); lengths are compared first.
#[derive(Clone, Default)]
pub struct Secret(String);

impl std::hash::Hash for Secret {
    /// Hashes the text, as `String` does (equal secrets hash alike).
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Secret) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
        // Keep the compiler from turning the fold back into an early exit.
        std::hint::black_box(diff) == 0
    }
}

impl Eq for Secret {}

impl Secret {
    /// The credential's text, for sending it where it belongs.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The credential's text, owned.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Secret {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Secret {
        Secret(s.to_owned())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn equality_compares_every_byte() {
        let key = Secret::from("3f9c2a7e-51b4");
        assert_eq!(key, Secret::from("3f9c2a7e-51b4"));
        assert_ne!(key, Secret::from("3f9c2a7e-51b5"));
        assert_ne!(key, Secret::from("Xf9c2a7e-51b4"));
        assert_ne!(key, Secret::from("3f9c2a7e-51b"));
        assert_eq!(Secret::default(), Secret::from(""));
    }
}
