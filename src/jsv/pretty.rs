//! Pretty JSV: the layout of ServiceStack's `Dump()` / `JsvFormatter.Format`, as shown in
//! ClubReady's documentation (seed 002's request body).
//!
//! It reformats compact JSV: after `{` and `[` a line break and one more tab of indentation;
//! before `}` and `]` a line break at the outer indentation; after `,` a line break; after a
//! property's `:` one space; a property holding a non-empty object or list puts the bracket on
//! the next line at the property's indentation, an empty one stays inline (`Key: []`).
//!
//! Unlike ServiceStack's formatter this one knows where quoted strings are, so it never breaks a
//! line inside one, and it only adds the space after a property's `:`, not after a colon inside
//! a bare value (a date in a list). Everywhere else the bytes are ServiceStack's.

/// The pretty layout of the compact JSV `compact`.
pub(crate) fn format(compact: &str) -> String {
    let compact = compact.as_bytes();
    let mut out = Vec::with_capacity(compact.len() + compact.len() / 2);
    let out = &mut out;
    // For each open container: is it an object?
    let mut stack: Vec<bool> = Vec::new();
    let mut in_quotes = false;
    // At the start of an object entry, before its `:`.
    let mut in_key = false;
    let mut i = 0;
    while i < compact.len() {
        let c = compact[i];
        if in_quotes {
            out.push(c);
            if c == b'"' {
                in_quotes = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                in_quotes = true;
                out.push(c);
            }
            b'{' | b'[' => {
                let after_key = i > 0 && compact[i - 1] == b':' && !stack.is_empty();
                if after_key {
                    if let Some(&next @ (b'}' | b']')) = compact.get(i + 1) {
                        out.push(c);
                        out.push(next);
                        i += 2;
                        continue;
                    }
                    newline(out, stack.len());
                }
                out.push(c);
                stack.push(c == b'{');
                in_key = c == b'{';
                newline(out, stack.len());
            }
            b'}' | b']' => {
                stack.pop();
                newline(out, stack.len());
                out.push(c);
                in_key = false;
            }
            b',' => {
                out.push(c);
                newline(out, stack.len());
                in_key = stack.last() == Some(&true);
            }
            b':' => {
                out.push(c);
                if in_key {
                    out.push(b' ');
                    in_key = false;
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    // Only ASCII was inserted, at ASCII positions: still UTF-8.
    String::from_utf8(std::mem::take(out))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn newline(out: &mut Vec<u8>, tabs: usize) {
    out.push(b'\n');
    out.resize(out.len() + tabs, b'\t');
}

#[cfg(test)]
mod tests {
    use super::format;

    fn pretty(s: &str) -> String {
        format(s)
    }

    #[test]
    fn layout_matches_servicestack_dump() {
        assert_eq!(pretty("{}"), "{\n\t\n}");
        assert_eq!(pretty("{StoreId:0}"), "{\n\tStoreId: 0\n}");
        assert_eq!(
            pretty("{A:1,L:[{B:True},{}],E:[],D:2020-01-02T03:04:05Z}"),
            "{\n\tA: 1,\n\tL: \n\t[\n\t\t{\n\t\t\tB: True\n\t\t},\n\t\t{\n\t\t\t\n\t\t}\n\t],\n\tE: [],\n\tD: 2020-01-02T03:04:05Z\n}"
        );
    }

    #[test]
    fn quoted_values_are_left_alone() {
        assert_eq!(pretty("{A:\"x,{y}\"}"), "{\n\tA: \"x,{y}\"\n}");
        assert_eq!(
            pretty("[\"a:b\",2020-01-02T03:04:05Z]"),
            "[\n\t\"a:b\",\n\t2020-01-02T03:04:05Z\n]"
        );
    }
}
