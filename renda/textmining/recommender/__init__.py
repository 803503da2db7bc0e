"""Category and handling-unit recommendation (承办单位推荐): the classifier (`model`), its
training on the platform's history and its versions (`training`)."""
