"""The ranking of `edge-atlas related` as an Apache Spark job, for graphs past one machine.

    spark-submit --master spark://host:7077 scripts/spark/related.py GRAPH.parquet/ OUT/ [--entries FILE] [--top 10]
    python3 scripts/spark/related.py GRAPH.parquet/ OUT/ ...    # the same job in local mode (pip's pyspark)

GRAPH.parquet/ is what `edge-atlas export --format parquet` writes (only edges.parquet is read,
plus nodes.parquet when no --entries are given). OUT/ gets Parquet rows (entry, rank, related,
score): for each entry, the `--top` entries with the highest Adamic-Adar index

    score(x, y) = sum over shared neighbours z of x and y of 1 / ln(degree(z))

on the undirected simple graph (self-loops dropped, parallel and reverse edges counted once,
degree = distinct neighbours), ties to the `kind:id` that sorts first, scores compared at 1e-9:
the definition in src/query/related.rs. By default entries linked to x directly are left out,
as `edge-atlas related` lists those apart before its ranking; --include-direct ranks them too.

Everything runs as DataFrame joins and aggregations on the executors; only the answers are
written, nothing is collected to the driver. Hubs (more than --hub-degree neighbours) are never
expanded into pairs: a hub of d neighbours would make d^2 of them. Shared light neighbours give
each pair's candidates (at most hub-degree^2 per light neighbour); hubs add their weight to
those by a join on (candidate, hub); entries reached only through hubs are grouped by the set
of hubs they touch (their signature), each signature is scored once per entry, and only its
first few members in `kind:id` order (enough to fill the top after leaving out the excluded)
are read, in buckets, from the signatures that can still reach the top.
"""

import argparse

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("parquet", help="directory written by `edge-atlas export --format parquet`")
    p.add_argument("out", help="directory to write the answers to, as Parquet")
    p.add_argument("--entries", help="text file, one kind:id per line (default: every entry)")
    p.add_argument("--top", type=int, default=10, help="answers per entry (default 10)")
    p.add_argument("--include-direct", action="store_true",
                   help="rank entries linked directly too (the plain Adamic-Adar ranking)")
    p.add_argument("--hub-degree", type=int, default=1024,
                   help="entries with more neighbours are hubs, never expanded into pairs (default 1024)")
    return p.parse_args()


def ranking(spark, args):
    top = args.top
    edges = spark.read.parquet(f"{args.parquet}/edges.parquet").where("source <> target")
    # The undirected simple graph: (a, b) for each distinct pair of neighbours, both ways.
    adj = (edges.select(F.col("source").alias("a"), F.col("target").alias("b"))
           .union(edges.select(F.col("target").alias("a"), F.col("source").alias("b")))
           .distinct())
    weight = (adj.groupBy("a").agg(F.count("*").alias("deg"))
              .where("deg >= 2")
              .select(F.col("a").alias("z"), "deg", (F.lit(1.0) / F.log("deg")).alias("w")))
    if args.entries:
        queries = spark.read.text(args.entries).select(F.trim("value").alias("x")).where("x <> ''").distinct()
    else:
        queries = spark.read.parquet(f"{args.parquet}/nodes.parquet").select(F.col("id").alias("x"))

    # Each entry's neighbours, weighted; light ones are expanded, hubs are not.
    near = adj.join(queries, adj.a == queries.x).select("x", F.col("b").alias("z"))
    near_w = near.join(weight, "z")
    light = near_w.where(F.col("deg") <= args.hub_degree).select("x", "z", "w")
    hubs = near_w.where(F.col("deg") > args.hub_degree).select("x", "z", "w")
    # Which hubs each entry touches: (y, z) for every hub z.
    hub_of = adj.join(weight.where(F.col("deg") > args.hub_degree).select("z"), adj.b == F.col("z")) \
        .select(F.col("a").alias("y"), "z")

    # Candidates through light neighbours, then what shared hubs add to them.
    through_light = (light.join(adj.withColumnRenamed("a", "z"), "z")
                     .select("x", F.col("b").alias("y"), "w")
                     .where("x <> y")
                     .groupBy("x", "y").agg(F.sum("w").alias("light")))
    from_hubs = (through_light.select("x", "y").join(hubs, "x").join(hub_of, ["y", "z"])
                 .groupBy("x", "y").agg(F.sum("w").alias("heavy")))
    candidates = (through_light.join(from_hubs, ["x", "y"], "left")
                  .select("x", "y", (F.col("light") + F.coalesce("heavy", F.lit(0.0))).alias("score")))

    # Left out of the hub-only candidates: the entry, the candidates scored above, and (unless
    # --include-direct) the entries linked to it directly, which leave the ranking altogether.
    direct = near.select("x", F.col("z").alias("y"))
    if not args.include_direct:
        candidates = candidates.join(direct, ["x", "y"], "left_anti")
    excluded = (queries.select("x", F.col("x").alias("y"))
                .union(through_light.select("x", "y"))
                .union(direct if not args.include_direct else queries.select("x", F.col("x").alias("y")))
                .distinct())

    # Entries reached only through hubs, grouped by the set of hubs they touch.
    signature = hub_of.groupBy("y").agg(F.concat_ws(" ", F.array_sort(F.collect_list("z"))).alias("s"))
    members = signature.withColumn("r", F.row_number().over(Window.partitionBy("s").orderBy("y")) - 1)
    sizes = members.groupBy("s").agg(F.count("*").alias("size"))
    sig_hubs = signature.select("s").distinct().select("s", F.explode(F.split("s", " ")).alias("z"))
    sig_score = hubs.join(sig_hubs, "z").groupBy("x", "s").agg(F.sum("w").alias("score"))
    taken = excluded.join(signature, "y").groupBy("x", "s").agg(F.count("*").alias("taken"))
    sig = (sig_score.join(sizes, "s").join(taken, ["x", "s"], "left")
           .withColumn("taken", F.coalesce("taken", F.lit(0)))
           .withColumn("key", key("score"))
           .withColumn("free", F.col("size") - F.col("taken")))
    # Signatures in score order until `top` free members are in hand; ties at the cut kept.
    by_score = Window.partitionBy("x").orderBy(F.desc("key"), "s").rowsBetween(Window.unboundedPreceding, -1)
    sig = sig.withColumn("before", F.coalesce(F.sum("free").over(by_score), F.lit(0)))
    cut = sig.where(F.col("before") < top).groupBy("x").agg(F.min("key").alias("cut"))
    sig = sig.join(cut, "x").where(F.col("key") >= F.col("cut"))
    # The first top + taken members of each signature hold its first `top` free ones: read
    # them in buckets of `top` members, joined on (signature, bucket).
    wanted = sig.select("x", "s", "score", (F.col("taken") + top).alias("limit"))
    buckets = wanted.withColumn("bucket", F.explode(F.sequence(F.lit(0), F.floor((F.col("limit") - 1) / top))))
    bucketed = members.withColumn("bucket", F.floor(F.col("r") / top))
    hub_only = (buckets.join(bucketed, ["s", "bucket"]).where(F.col("r") < F.col("limit"))
                .select("x", "y", "score")
                .join(excluded, ["x", "y"], "left_anti"))

    ranked = candidates.unionByName(hub_only).withColumn("key", key("score"))
    order = Window.partitionBy("x").orderBy(F.desc("key"), "y")
    return (ranked.withColumn("rank", F.row_number().over(order))
            .where(F.col("rank") <= top)
            .select(F.col("x").alias("entry"), "rank", F.col("y").alias("related"), "score"))


def key(score):
    """Scores compared at 1e-9, as edge-atlas does."""
    return F.round(F.col(score) * F.lit(1e9)).cast("long")


def main():
    args = parse_args()
    spark = SparkSession.builder.appName("edge-atlas related").getOrCreate()
    ranking(spark, args).write.mode("overwrite").parquet(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
