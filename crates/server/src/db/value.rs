//! The values that cross the storage boundary, and the rows that come back.

use crate::error::{Result, ServerError};

/// A statement parameter or a column value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Int(i64::from(v))
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Builds a parameter list: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Value::from($v)),*] };
}

/// One result row; columns are read by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn column(&self, i: usize) -> Result<&Value> {
        self.0.get(i).ok_or_else(|| ServerError::corrupt(format!("row has no column {i}")))
    }

    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?.ok_or_else(|| ServerError::corrupt(format!("column {i} is NULL, expected text")))
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.column(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            other => Err(ServerError::corrupt(format!("column {i} is {other:?}, expected text"))),
        }
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        self.opt_int(i)?.ok_or_else(|| ServerError::corrupt(format!("column {i} is NULL, expected an integer")))
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.column(i)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            other => Err(ServerError::corrupt(format!("column {i} is {other:?}, expected an integer"))),
        }
    }

    /// A non-negative integer that fits in `T` (versions, seqs, counters).
    pub fn count<T: TryFrom<i64>>(&self, i: usize) -> Result<T> {
        let v = self.int(i)?;
        T::try_from(v).map_err(|_| ServerError::corrupt(format!("column {i} holds {v}, out of range")))
    }

    /// Booleans are 0/1 integers in SQLite and BOOLEAN in PostgreSQL.
    pub fn bool(&self, i: usize) -> Result<bool> {
        match self.column(i)? {
            Value::Bool(b) => Ok(*b),
            Value::Int(v) => Ok(*v != 0),
            other => Err(ServerError::corrupt(format!("column {i} is {other:?}, expected a boolean"))),
        }
    }
}
