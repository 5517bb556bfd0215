//! The wasm entry point: hands over to `ui::start`.

fn main() {
    backup_doctor::ui::start();
}
