//! Parameters for a statement, in order: `[a, b]`, `params![a, b]` or `[]`.

use super::ToSql;

/// Parameters for a statement: `[a, b]`, `params![a, b]` or `[]`.
pub trait Params {
    fn count(&self) -> usize;
    fn at(&self, i: usize) -> &dyn ToSql;
}

impl Params for [&dyn ToSql; 0] {
    fn count(&self) -> usize {
        0
    }
    fn at(&self, i: usize) -> &dyn ToSql {
        self[i]
    }
}

impl Params for &[&dyn ToSql] {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> &dyn ToSql {
        self[i]
    }
}

macro_rules! array_params {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn count(&self) -> usize {
                $n
            }
            fn at(&self, i: usize) -> &dyn ToSql {
                &self[i]
            }
        }
    )+};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// Parameters of any types, in order: `params![id, name, now]`.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::storage::db::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::storage::db::ToSql),+] as &[&dyn $crate::storage::db::ToSql]
    };
}
pub(crate) use params;
