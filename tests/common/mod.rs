pub mod office;
pub mod rules;
