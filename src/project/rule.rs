//! Segment rules: `age < 30`, `tier in ['gold', 'platinum']`, `not (a == 'x' or b >= 3)`.
//!
//! Grammar (keywords are case-insensitive):
//! ```text
//! rule       := or
//! or         := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | "(" rule ")" | comparison
//! comparison := column op value | column ["not"] "in" "[" value ("," value)* "]"
//!             | value "in" multi-select-id
//! op         := "==" | "=" | "!=" | "<" | "<=" | ">" | ">="
//! column     := name | `any text in backticks`
//! value      := number | 'text' | "text" | bare-word
//! ```
//! `'Python' in languages` holds when the option `Python` of the dataset's multi-select
//! question `languages` was chosen; validation links it to the question ([`Rule::link_choices`]).
//! Evaluation uses three-valued logic: a comparison on a blank cell is *unknown*, and a
//! response is in a segment only when its rule is *true* (as SQL's `WHERE`).

use std::fmt;
use std::sync::Arc;

use crate::aggregate::redact::cell_value;

/// A parsed rule. Columns are referred to by index into [`Rule::columns`], so that the
/// ingest step can resolve each name to a position once per file.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The expression tree.
    pub expr: Expr,
    /// Column names in order of first use.
    pub columns: Vec<String>,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    /// Whether `a op b` holds, given how `a` compares with `b`.
    fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Op::Eq => o == Equal,
            Op::Ne => o != Equal,
            Op::Lt => o == Less,
            Op::Le => o != Greater,
            Op::Gt => o == Greater,
            Op::Ge => o != Less,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        })
    }
}

/// A literal value in a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    /// The text as written (without quotes).
    pub text: String,
    /// Its numeric value, when it is an unquoted number.
    pub number: Option<f64>,
    /// Its day, when it is a date written `YYYY-MM-DD` (quoted or not): `signup < 2024-03-01`
    /// compares the cell as a date.
    pub date: Option<chrono::NaiveDate>,
}

impl Literal {
    fn new(text: String, number: Option<f64>) -> Literal {
        let date = (number.is_none() && text.len() == 10)
            .then(|| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten();
        Literal { text, number, date }
    }
}

/// A node of the rule tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Compare {
        column: usize,
        op: Op,
        value: Literal,
    },
    In {
        column: usize,
        values: Vec<Literal>,
        negated: bool,
    },
    /// `'option' in question`: `column` is the question's column once linked (before, its id).
    Chosen {
        column: usize,
        option: Literal,
        how: Option<Arc<Chooser>>,
    },
    Not(Box<Expr>),
    /// All of the terms: a chain `a and b and c` is one list, not a tree as deep as the chain
    /// is long (a rule of thousands of terms would overflow the stack when walked).
    And(Vec<Expr>),
    /// Any of the terms (flat, as `And`).
    Or(Vec<Expr>),
}

/// How a linked `'option' in question` reads its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Chooser {
    /// Joined answers: chosen when the option is among the cell's options.
    Joined { options: Vec<String>, separator: String, index: usize },
    /// The option's own column: chosen when the cell is neither blank nor `0`.
    Own,
}

/// A parse error with the 0-based character offset in the rule text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {} of the rule)", self.message, self.offset + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String, f64),
    Op(Op),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, RuleError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset, message: &str| RuleError { offset, message: message.to_string() };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | ')' | '[' | ']' | ',' => {
                out.push((
                    start,
                    match c {
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        '[' => Tok::LBracket,
                        ']' => Tok::RBracket,
                        _ => Tok::Comma,
                    },
                ));
                i += 1;
            }
            '=' | '!' | '<' | '>' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', Some('=')) => (Op::Eq, 2),
                    ('=', _) => (Op::Eq, 1),
                    ('!', Some('=')) => (Op::Ne, 2),
                    ('<', Some('=')) => (Op::Le, 2),
                    ('<', Some('>')) => (Op::Ne, 2),
                    ('<', _) => (Op::Lt, 1),
                    ('>', Some('=')) => (Op::Ge, 2),
                    ('>', _) => (Op::Gt, 1),
                    _ => return Err(err(start, "expected `!=`")),
                };
                out.push((start, Tok::Op(op)));
                i += len;
            }
            '\'' | '"' | '`' => {
                let quote = c;
                let mut text = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(err(start, &format!("unclosed {quote}"))),
                        Some(&ch) if ch == quote => {
                            // A doubled quote stands for itself: 'O''Brien'.
                            if chars.get(i + 1) == Some(&quote) {
                                text.push(quote);
                                i += 2;
                            } else {
                                i += 1;
                                break;
                            }
                        }
                        Some(&ch) => {
                            text.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push((start, if quote == '`' { Tok::Ident(text) } else { Tok::Str(text) }));
            }
            _ => {
                while i < chars.len() && is_word_char(chars[i]) {
                    i += 1;
                }
                if i == start {
                    return Err(err(start, &format!("unexpected `{c}`")));
                }
                let word: String = chars[start..i].iter().collect();
                match word.parse::<f64>() {
                    Ok(n)
                        if n.is_finite()
                            && word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.') =>
                    {
                        out.push((start, Tok::Num(word, n)))
                    }
                    _ => out.push((start, Tok::Ident(word))),
                }
            }
        }
    }
    Ok(out)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '+') || !c.is_ascii() && !c.is_whitespace()
}

struct Parser<'a> {
    toks: &'a [(usize, Tok)],
    pos: usize,
    end: usize,
    columns: Vec<String>,
    /// Nesting of `not` and parentheses, bounded so a hostile rule cannot exhaust the stack.
    depth: usize,
}

/// Deepest nesting of `not` and parentheses a rule may have.
const MAX_DEPTH: usize = 500;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn offset(&self) -> usize {
        self.toks.get(self.pos).map(|(o, _)| *o).unwrap_or(self.end)
    }
    fn err<T>(&self, message: impl Into<String>) -> Result<T, RuleError> {
        Err(RuleError { offset: self.offset(), message: message.into() })
    }
    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w.eq_ignore_ascii_case(kw))
    }
    fn or(&mut self) -> Result<Expr, RuleError> {
        let mut terms = vec![self.and()?];
        while self.keyword("or") {
            self.pos += 1;
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Expr::Or(terms) })
    }
    fn and(&mut self) -> Result<Expr, RuleError> {
        let mut terms = vec![self.not()?];
        while self.keyword("and") {
            self.pos += 1;
            terms.push(self.not()?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Expr::And(terms) })
    }
    fn not(&mut self) -> Result<Expr, RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(format!("the rule nests `not` and parentheses more than {MAX_DEPTH} deep"));
        }
        let e = self.not_inner();
        self.depth -= 1;
        e
    }

    fn not_inner(&mut self) -> Result<Expr, RuleError> {
        if self.keyword("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let e = self.or()?;
            if self.peek() != Some(&Tok::RParen) {
                return self.err("expected `)`");
            }
            self.pos += 1;
            return Ok(e);
        }
        self.comparison()
    }
    fn column_index(&mut self, name: &str) -> usize {
        match self.columns.iter().position(|c| c == name) {
            Some(i) => i,
            None => {
                self.columns.push(name.to_string());
                self.columns.len() - 1
            }
        }
    }
    fn comparison(&mut self) -> Result<Expr, RuleError> {
        // `'Python' in languages`: a value, `in`, a multi-select question.
        if matches!(self.peek(), Some(Tok::Str(_) | Tok::Num(..))) {
            let option = self.literal()?;
            if !self.keyword("in") {
                return self.err("expected `in` and a multi-select question after a quoted option");
            }
            self.pos += 1;
            let name = match self.peek() {
                Some(Tok::Ident(w)) if !is_keyword(w) => w.clone(),
                _ => return self.err("expected the id of a multi-select question"),
            };
            self.pos += 1;
            let column = self.column_index(&name);
            return Ok(Expr::Chosen { column, option, how: None });
        }
        let name = match self.peek() {
            Some(Tok::Ident(w)) if !is_keyword(w) => w.clone(),
            _ => return self.err("expected a column name"),
        };
        self.pos += 1;
        let column = self.column_index(&name);
        let negated = self.keyword("not");
        if negated {
            self.pos += 1;
            if !self.keyword("in") {
                return self.err("expected `in` after `not`");
            }
        }
        if self.keyword("in") {
            self.pos += 1;
            return Ok(Expr::In { column, values: self.list()?, negated });
        }
        let op = match self.peek() {
            Some(Tok::Op(op)) => *op,
            // `Type of Travel == x`: a column name with spaces, which needs backticks.
            Some(Tok::Ident(next)) if !is_keyword(next) => {
                let mut words = vec![name.clone(), next.clone()];
                let mut i = self.pos + 1;
                while let Some((_, Tok::Ident(w))) =
                    self.toks.get(i).filter(|(_, t)| !matches!(t, Tok::Ident(w) if is_keyword(w)))
                {
                    words.push(w.clone());
                    i += 1;
                }
                let quoted = words.join(" ");
                return self.err(format!(
                    "expected a comparison (==, !=, <, <=, >, >=, in) after `{name}`; if the column is named `{quoted}`, quote it in backticks: `{quoted}`"
                ));
            }
            _ => return self.err(format!("expected a comparison (==, !=, <, <=, >, >=, in) after `{name}`")),
        };
        self.pos += 1;
        let quoted = matches!(self.peek(), Some(Tok::Str(_)));
        let at = self.pos;
        let value = self.literal()?;
        let ordered = matches!(op, Op::Lt | Op::Le | Op::Gt | Op::Ge);
        if ordered && value.number.is_none() && value.date.is_none() {
            // Text has no order a rule could mean: `spend > '1000'` or `signup < 'March'` would
            // silently match no row.
            self.pos = at;
            let text = &value.text;
            let unquoted = text.trim().parse::<f64>().is_ok_and(f64::is_finite);
            return self.err(if quoted && unquoted {
                format!("`{op}` compares numbers, and '{text}' in quotes is text: write the number without quotes ({name} {op} {text})")
            } else {
                format!("`{op}` compares numbers or dates written YYYY-MM-DD, and `{text}` is neither; text can only be compared with == or != or `in [...]`")
            });
        }
        Ok(Expr::Compare { column, op, value })
    }
    fn list(&mut self) -> Result<Vec<Literal>, RuleError> {
        if self.peek() != Some(&Tok::LBracket) {
            return self.err("expected `[` to start a list");
        }
        self.pos += 1;
        let mut values = vec![self.literal()?];
        loop {
            match self.peek() {
                Some(Tok::Comma) => {
                    self.pos += 1;
                    values.push(self.literal()?);
                }
                Some(Tok::RBracket) => {
                    self.pos += 1;
                    return Ok(values);
                }
                _ => return self.err("expected `,` or `]`"),
            }
        }
    }
    fn literal(&mut self) -> Result<Literal, RuleError> {
        let lit = match self.peek() {
            // Text as a cell is read (`cell_value`): `'Business\u{a0}travel'` is `Business travel`.
            Some(Tok::Str(s)) => Literal::new(cell_value(s).into_owned(), None),
            Some(Tok::Num(s, n)) => Literal::new(s.clone(), Some(*n)),
            Some(Tok::Ident(w)) if !is_keyword(w) => Literal::new(cell_value(w).into_owned(), None),
            _ => return self.err("expected a value (a number or 'quoted text')"),
        };
        self.pos += 1;
        Ok(lit)
    }
}

fn is_keyword(w: &str) -> bool {
    ["and", "or", "not", "in"].iter().any(|k| w.eq_ignore_ascii_case(k))
}

/// Parses a rule.
///
/// Invisible format characters are no part of the rule (`tier == 'Gold\u{200b}'` compares with
/// `Gold`, as a cell is read; offsets count the characters left, the ones a reader sees).
pub fn parse(src: &str) -> Result<Rule, RuleError> {
    let src = &*crate::aggregate::redact::strip_invisible(src);
    let toks = lex(src)?;
    let mut p = Parser { toks: &toks, pos: 0, end: src.chars().count(), columns: Vec::new(), depth: 0 };
    if toks.is_empty() {
        return p.err("the rule is empty");
    }
    let expr = p.or()?;
    if p.pos < toks.len() {
        return p.err("expected `and`, `or` or the end of the rule");
    }
    Ok(Rule { expr, columns: p.columns })
}

/// What linking a `'option' in question` comparison gives: the column to read and how.
pub type Linked = (String, Arc<Chooser>);

impl Rule {
    /// Whether the rule has an `'option' in question` comparison.
    pub fn has_choices(&self) -> bool {
        fn walk(e: &Expr) -> bool {
            match e {
                Expr::Chosen { .. } => true,
                Expr::Not(a) => walk(a),
                Expr::And(terms) | Expr::Or(terms) => terms.iter().any(walk),
                _ => false,
            }
        }
        walk(&self.expr)
    }

    /// Links every `'option' in question` comparison: `link(question, option)` gives the
    /// column to read and how, or an error message. Column indices are renumbered in order of
    /// first use, so a question's id is no longer one of [`Rule::columns`].
    pub fn link_choices(&mut self, link: &mut dyn FnMut(&str, &str) -> Result<Linked, String>) -> Result<(), String> {
        let old = std::mem::take(&mut self.columns);
        relink(&mut self.expr, &old, &mut self.columns, link)
    }

    /// The columns (indices into `columns`) that the rule compares with a number by order
    /// (`age >= 18`): a cell there that is no number (`18-24`, `$2,000`) leaves the rule
    /// unknown, which the data-quality report counts.
    pub fn ordered_columns(&self) -> Vec<usize> {
        self.columns_compared_by_order(|v| v.number.is_some())
    }

    /// The columns that the rule compares with a date by order (`signup < 2024-03-01`): a
    /// cell there that is no date leaves the rule unknown, which the report counts too.
    pub fn dated_columns(&self) -> Vec<usize> {
        self.columns_compared_by_order(|v| v.date.is_some())
    }

    fn columns_compared_by_order(&self, kind: fn(&Literal) -> bool) -> Vec<usize> {
        fn walk(e: &Expr, kind: fn(&Literal) -> bool, out: &mut Vec<usize>) {
            match e {
                Expr::Compare { column, op, value } => {
                    if kind(value) && matches!(op, Op::Lt | Op::Le | Op::Gt | Op::Ge) && !out.contains(column) {
                        out.push(*column);
                    }
                }
                Expr::Not(a) => walk(a, kind, out),
                Expr::And(terms) | Expr::Or(terms) => terms.iter().for_each(|t| walk(t, kind, out)),
                Expr::In { .. } | Expr::Chosen { .. } => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, kind, &mut out);
        out
    }

    /// Evaluates the rule; `cell(i)` gives the value of `columns[i]` for this response.
    /// Returns `Some(true)` only when the rule certainly holds.
    pub fn eval<'a>(&self, cell: &impl Fn(usize) -> &'a str) -> Option<bool> {
        eval(&self.expr, cell)
    }
}

/// Renumbers the columns of `e` into `new` (first use first), linking each
/// `'option' in question` on the way.
fn relink(
    e: &mut Expr,
    old: &[String],
    new: &mut Vec<String>,
    link: &mut dyn FnMut(&str, &str) -> Result<Linked, String>,
) -> Result<(), String> {
    let index = |name: &str, new: &mut Vec<String>| match new.iter().position(|c| c == name) {
        Some(i) => i,
        None => {
            new.push(name.to_string());
            new.len() - 1
        }
    };
    match e {
        Expr::Compare { column, .. } | Expr::In { column, .. } => *column = index(&old[*column], new),
        Expr::Chosen { column, option, how } => {
            let (name, chooser) = link(&old[*column], &option.text)?;
            *column = index(&name, new);
            *how = Some(chooser);
        }
        Expr::Not(a) => relink(a, old, new, link)?,
        Expr::And(terms) | Expr::Or(terms) => {
            for t in terms {
                relink(t, old, new, link)?;
            }
        }
    }
    Ok(())
}

/// Cells are read as [`cell_value`] reads them: a zero-width space or a byte-order mark in
/// `Gold\u{200b}` does not keep it from `tier == 'Gold'`.
fn eval<'a>(e: &Expr, cell: &impl Fn(usize) -> &'a str) -> Option<bool> {
    match e {
        Expr::Chosen { column, how, .. } => {
            let v = &*cell_value(cell(*column));
            match how.as_deref()? {
                Chooser::Own => Some(super::choices::ticked(v)),
                Chooser::Joined { .. } if v.is_empty() => None,
                Chooser::Joined { options, separator, index } => {
                    Some((super::choices::split_joined(v, options, separator).0 >> index) & 1 == 1)
                }
            }
        }
        Expr::Compare { column, op, value } => compare(&cell_value(cell(*column)), *op, value),
        Expr::In { column, values, negated } => {
            let v = &*cell_value(cell(*column));
            if v.is_empty() {
                return None;
            }
            let found = values.iter().any(|l| compare(v, Op::Eq, l) == Some(true));
            Some(found != *negated)
        }
        Expr::Not(inner) => eval(inner, cell).map(|b| !b),
        // Kleene logic: false wins in `and`, true wins in `or`.
        Expr::And(terms) => kleene(terms, cell, false),
        Expr::Or(terms) => kleene(terms, cell, true),
    }
}

/// `and` (`wins` false) or `or` (`wins` true) of `terms` in Kleene logic: the winning value
/// decides (false wins in `and`, true in `or`), else unknown if any term is unknown.
fn kleene<'a>(terms: &[Expr], cell: &impl Fn(usize) -> &'a str, wins: bool) -> Option<bool> {
    let mut unknown = false;
    for t in terms {
        match eval(t, cell) {
            Some(b) if b == wins => return Some(wins),
            Some(_) => {}
            None => unknown = true,
        }
    }
    (!unknown).then_some(!wins)
}

/// Numbers compare as numbers, dates (`YYYY-MM-DD` in the rule; any form the build reads in
/// the cell, its day as written) as days; text compares case-insensitively, and only for
/// (in)equality.
fn compare(cell: &str, op: Op, lit: &Literal) -> Option<bool> {
    if cell.is_empty() {
        return None;
    }
    if let Some(day) = lit.date {
        let read = crate::produce::csv::value::read_date(cell, chrono_tz::UTC, None, false);
        match (read, op) {
            (Some(d), _) => return Some(op.holds(d.cmp(&day))),
            // A cell that is no date is unknown to an order, and (in)equal as text.
            (None, Op::Lt | Op::Le | Op::Gt | Op::Ge) => return None,
            (None, _) => {}
        }
    }
    // `1,234`, `１２` or `١٢` from a CRM export is a number too.
    if let (Some(n), Some(v)) = (lit.number, crate::text::digits::read_number(cell)) {
        return Some(match op {
            Op::Eq => v == n,
            Op::Ne => v != n,
            Op::Lt => v < n,
            Op::Le => v <= n,
            Op::Gt => v > n,
            Op::Ge => v >= n,
        });
    }
    let equal = same_text(cell, &lit.text);
    match op {
        Op::Eq => Some(equal),
        Op::Ne => Some(!equal),
        _ => None,
    }
}

/// Case-insensitive equality, each run of white space as one space (`Business\u{a0}travel` is
/// `Business travel`); ASCII text (most values) is compared without allocating.
fn same_text(a: &str, b: &str) -> bool {
    use crate::aggregate::redact::spaced;
    let (a, b) = (&*spaced(a), &*spaced(b));
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(rule: &str, row: &[(&str, &str)]) -> Option<bool> {
        let r = parse(rule).unwrap();
        let cells: Vec<&str> =
            r.columns.iter().map(|c| row.iter().find(|(k, _)| k == c).map(|(_, v)| *v).unwrap_or("")).collect();
        r.eval(&|i| cells[i])
    }

    #[test]
    fn numeric_comparisons_compare_numbers_not_text() {
        assert_eq!(holds("age < 30", &[("age", "9")]), Some(true));
        assert_eq!(holds("age < 30", &[("age", "30")]), Some(false));
        assert_eq!(holds("age <= 30", &[("age", "30.0")]), Some(true));
        assert_eq!(holds("age >= 40", &[("age", "100")]), Some(true));
    }

    #[test]
    fn numbers_as_crm_exports_write_them_compare_as_numbers() {
        // 累计消费 ≥ 1000: thousands grouped, full-width, Arabic-Indic, no-break spaces.
        for (cell, want) in [
            ("1,234", true),
            ("1\u{a0}000", true),
            ("１２００", true),
            ("١٬٢٣٤", true),
            ("９９９", false),
            ("۹۹۹\u{200b}", false),
            (" 999\u{3000}", false),
        ] {
            assert_eq!(holds("spend >= 1000", &[("spend", cell)]), Some(want), "{cell:?}");
        }
        // As a locale whose decimal mark is a comma writes them.
        for (cell, want) in [("1.234,50", true), ("999,99", false), ("12.000,00", true), ("1.000.000", true)] {
            assert_eq!(holds("spend >= 1000", &[("spend", cell)]), Some(want), "{cell:?}");
        }
        // A comma that groups no thousands and is no decimal mark is no number: unknown.
        assert_eq!(holds("spend >= 1000", &[("spend", "1,2345")]), None);
    }

    /// A date in the rule compares the cell's day, in any form the build reads a date.
    #[test]
    fn dates_compare_by_day() {
        let rule = "signup < 2024-03-01";
        for (cell, want) in [
            ("2024-02-29", Some(true)),
            ("2024-03-01", Some(false)),
            ("2024/2/5 10:00", Some(true)),
            ("2024年3月5日", Some(false)),
            ("Feb 5, 2024", Some(true)),
            ("soon", None),
        ] {
            assert_eq!(holds(rule, &[("signup", cell)]), want, "{cell:?}");
        }
        assert_eq!(holds("signup >= '2024-03-01'", &[("signup", "2024-03-01 23:59")]), Some(true));
        assert_eq!(holds("signup == 2024-03-01", &[("signup", "2024-03-01 08:00")]), Some(true));
        assert_eq!(holds("signup != 2024-03-01", &[("signup", "2024-03-02")]), Some(true));
        let r = parse(rule).unwrap();
        assert_eq!((r.dated_columns(), r.ordered_columns()), (vec![0], vec![]));
    }

    /// Text has no order a rule could mean: an order compared with text is an error at the
    /// value, not a segment that silently matches no row.
    #[test]
    fn an_order_compared_with_text_is_an_error_at_the_value() {
        let e = parse("spend > '1000'").unwrap_err();
        assert_eq!(e.offset, 8, "{e}");
        assert!(e.message.contains("without quotes (spend > 1000)"), "{e}");
        let e = parse("tier >= gold").unwrap_err();
        assert_eq!(e.offset, 8, "{e}");
        assert!(e.message.contains("`>=` compares numbers or dates written YYYY-MM-DD, and `gold` is neither"), "{e}");
        assert!(parse("signup < 'March'").is_err());
        assert!(parse("signup < 2024-3-1").is_err());
        // Equality with text stays.
        assert!(parse("tier == gold").is_ok() && parse("spend == '1000'").is_ok());
    }

    #[test]
    fn text_compares_as_it_looks_whatever_the_spaces() {
        let rule = "`Type of Travel` == 'Business travel'";
        for cell in ["Business travel", "Business\u{a0}travel", " business  travel ", "Business\u{3000}travel"] {
            assert_eq!(holds(rule, &[("Type of Travel", cell)]), Some(true), "{cell:?}");
        }
        assert_eq!(holds("seat in ['Window\u{a0}seat']", &[("seat", "window seat")]), Some(true));
    }

    #[test]
    fn in_lists_match_case_insensitively_and_can_be_negated() {
        let rule = "tier in ['gold', 'platinum']";
        assert_eq!(holds(rule, &[("tier", "Gold")]), Some(true));
        assert_eq!(holds(rule, &[("tier", "silver")]), Some(false));
        assert_eq!(holds("tier not in [gold, platinum]", &[("tier", "silver")]), Some(true));
    }

    #[test]
    fn a_rule_of_tens_of_thousands_of_terms_parses_and_evaluates_without_deep_recursion() {
        // An audit's 17,500-term `or` overflowed the stack; chains are flat lists now.
        let or = (0..40_000).map(|i| format!("id == {i}")).collect::<Vec<_>>().join(" or ");
        assert_eq!(holds(&or, &[("id", "39999")]), Some(true));
        assert_eq!(holds(&or, &[("id", "-1")]), Some(false));
        let and = (0..40_000).map(|i| format!("id != {i}")).collect::<Vec<_>>().join(" and ");
        assert_eq!(holds(&and, &[("id", "-1")]), Some(true));
        assert_eq!(holds(&and, &[("id", "")]), None);
    }

    #[test]
    fn and_or_not_follow_precedence_and_parentheses() {
        let row = [("a", "1"), ("b", "2"), ("c", "3")];
        assert_eq!(holds("a == 1 or b == 9 and c == 9", &row), Some(true));
        assert_eq!(holds("(a == 1 or b == 9) and c == 9", &row), Some(false));
        assert_eq!(holds("not a == 2", &row), Some(true));
        assert_eq!(holds("not (a == 1 and b == 2)", &row), Some(false));
    }

    #[test]
    fn blank_cells_are_unknown_so_not_does_not_pull_them_in() {
        assert_eq!(holds("age < 30", &[]), None);
        assert_eq!(holds("not age < 30", &[]), None);
        assert_eq!(holds("age < 30 or tier == 'gold'", &[("tier", "gold")]), Some(true));
        assert_eq!(holds("age < 30 and tier == 'gold'", &[("tier", "silver")]), Some(false));
    }

    #[test]
    fn backticks_quote_column_names_with_spaces_and_chinese_names_work_bare() {
        assert_eq!(holds("`member tier` == gold", &[("member tier", "gold")]), Some(true));
        assert_eq!(holds("会员等级 == '金卡'", &[("会员等级", "金卡")]), Some(true));
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        let e = parse("age <").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(e.message.contains("expected a value"));
        let e = parse("age 30").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(parse("tier in ['gold'").unwrap_err().message.contains("`,` or `]`"));
        assert!(parse("name == 'x").unwrap_err().message.contains("unclosed"));
        assert!(parse("").is_err());
        let deep = format!("{}a == 1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).unwrap_err().message.contains("deep"));
        assert!(parse(&format!("{}a == 1", "not ".repeat(100_000))).unwrap_err().message.contains("deep"));
    }

    #[test]
    fn a_column_name_with_spaces_written_bare_gets_the_backtick_hint() {
        let e = parse("Type of Travel == 'Business travel'").unwrap_err();
        assert!(e.message.contains("quote it in backticks: `Type of Travel`"), "{}", e.message);
        assert!(!parse("age 30").unwrap_err().message.contains("backticks"));
    }
}
