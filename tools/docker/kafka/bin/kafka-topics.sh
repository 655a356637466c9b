#!/bin/sh
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx128m}" KAFKA_LOG_LEVEL=WARN
exec /opt/kafka/bin/java-main org.apache.kafka.tools.TopicCommand "$@"
