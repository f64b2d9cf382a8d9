//! The weapon catalogue.
use sitrep_model::Mention;

pub struct WeaponCatalogue {}

impl WeaponCatalogue {
    pub fn embedded() -> Self {
        WeaponCatalogue {}
    }

    pub fn find(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
