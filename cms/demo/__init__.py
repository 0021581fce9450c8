"""Demo marketplace: reference tables (`data`, `products`), Pillow drawings (`drawing`), the builder."""
