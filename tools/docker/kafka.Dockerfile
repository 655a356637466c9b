# leadhooks/kafka:4.4.0: stands in for apache/kafka:4.4.0 where no image registry is
# reachable. Same paths and the same configuration by environment as the official image:
# /opt/kafka/bin/kafka-topics.sh, kafka-broker-api-versions.sh, and KAFKA_FOO_BAR=v
# becoming foo.bar=v in the broker's properties. Java from Debian, jars from Maven Central
# (images.sh puts them in the build context).
ARG BASE=leadhooks/debian-base:bookworm
FROM ${BASE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY libs /opt/kafka/libs
COPY log4j2.xml /opt/kafka/config/log4j2.xml
COPY bin /opt/kafka/bin
RUN chmod 0755 /opt/kafka/bin/* && mkdir -p /var/lib/kafka/data
CMD ["/opt/kafka/bin/run"]
