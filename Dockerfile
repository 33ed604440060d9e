# Ferry: the `ferry` executable (server, worker, demo, CLI) on a JRE 17.
# Build:  docker build -t ferry .
# Run:    docker run --rm -p 8080:8080 -e FERRY_TOKEN=… ferry server --redis redis://redis:6379 --bind 0.0.0.0
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests -pl ferry-server -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 ferry
COPY --from=build /src/ferry-server/target/ferry.jar /opt/ferry/ferry.jar
USER ferry
EXPOSE 8080 9100
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/ferry/ferry.jar"]
CMD ["--help"]
