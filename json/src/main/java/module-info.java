/** The one JSON and YAML configuration that every ModelBridge module uses on the data path. */
module io.modelbridge.json {
  requires transitive com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive com.fasterxml.jackson.dataformat.yaml;

  exports io.modelbridge.json;
}
