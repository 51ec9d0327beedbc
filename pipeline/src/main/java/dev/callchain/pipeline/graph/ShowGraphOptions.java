package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.options.EnvironmentDefaults;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The graph command's flags. Beam's options, though no pipeline runs: the same --name=value
 * syntax, names and defaults as the pipeline's, and --help=ShowGraphOptions.
 */
public interface ShowGraphOptions extends PipelineOptions {
  @Description("Kafka bootstrap servers (env KAFKA_BOOTSTRAP; default localhost:9092).")
  @Default.InstanceFactory(EnvironmentDefaults.BootstrapServers.class)
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("A Java properties file of Kafka client settings (SASL, TLS), as the pipeline's.")
  String getKafkaProperties();

  void setKafkaProperties(String value);

  @Description("The topic the pipeline writes the service graph to (its --edgesTopic).")
  @Default.String("callchain-edges")
  String getEdgesTopic();

  void setEdgesTopic(String value);

  @Description("Read the graph from this JSON Lines file (the pipeline's --edgesFile) instead of Kafka; implies --once.")
  String getEdgesFile();

  void setEdgesFile(String value);

  @Description("Print the graph once, as of the topic's end when the command started, and exit.")
  @Default.Boolean(false)
  Boolean getOnce();

  void setOnce(Boolean value);

  @Description("Also draw the graph as a PNG into this file (once; each refresh when live).")
  String getPng();

  void setPng(String value);

  @Description("Seconds between two printings of the live graph.")
  @Default.Integer(5)
  Integer getRefreshSeconds();

  void setRefreshSeconds(Integer value);
}
