"""renda (人大): motions and suggestions of a local People's Congress, from draft to closure."""
