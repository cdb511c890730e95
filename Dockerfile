# newsflow: one image for every stage; the command picks the stage (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/newsflow --create-home newsflow
WORKDIR /var/lib/newsflow
COPY --from=build /src/app/target/newsflow.jar /opt/newsflow/newsflow.jar
COPY --from=build /src/app/target/lib /opt/newsflow/lib
COPY data/sample /opt/newsflow/data/sample
USER newsflow
ENV NEWSFLOW_STATE_DIR=/var/lib/newsflow/state \
    NEWSFLOW_OUTPUT_DIR=/var/lib/newsflow/out
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dnewsflow.home=/opt/newsflow", \
  "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.newsflow.schema", \
  "-cp", "/opt/newsflow/newsflow.jar:/opt/newsflow/lib/*", "dev.newsflow.app.Main"]
CMD ["--help"]
