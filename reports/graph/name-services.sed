# Names each call's callee after the service of simulator/topologies/boutique-like.json whose
# instances have its address (the k-th service in the file is 10.k.0.i), as gateway logs carry a
# "service" field: sed -E -f reports/graph/name-services.sed calls.jsonl > named.jsonl
s/("dst_ip":"10\.1\.0\.[0-9]+".*)\}$/\1,"service":"frontend"}/
s/("dst_ip":"10\.2\.0\.[0-9]+".*)\}$/\1,"service":"currency"}/
s/("dst_ip":"10\.3\.0\.[0-9]+".*)\}$/\1,"service":"catalog"}/
s/("dst_ip":"10\.4\.0\.[0-9]+".*)\}$/\1,"service":"cart"}/
s/("dst_ip":"10\.5\.0\.[0-9]+".*)\}$/\1,"service":"recommendation"}/
s/("dst_ip":"10\.6\.0\.[0-9]+".*)\}$/\1,"service":"ad"}/
s/("dst_ip":"10\.7\.0\.[0-9]+".*)\}$/\1,"service":"db"}/
s/("dst_ip":"10\.8\.0\.[0-9]+".*)\}$/\1,"service":"redis"}/
