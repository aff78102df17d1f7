using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Tests.Study;

/// <summary>
/// Simulated workers over an at-least-once, unordered bus: every command's outcome events go into a pool, and the
/// pool is delivered in random order with random duplicates and redeliveries of old events. Events only enter the
/// pool once the command that causes them was issued, so every order is causally valid.
/// </summary>
public class StudyWorkflowPropertyTests
{
    const int FinalStep = 40;

    public static TheoryData<int, bool> Seeds()
    {
        var data = new TheoryData<int, bool>();
        for (var seed = 0; seed < 25; seed++)
        {
            data.Add(seed, false);
            data.Add(seed, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnyDeliveryOrderCompletesWithOneEvaluationPerArmAndStage(int seed, bool injectFailures)
    {
        var sim = new Simulation(new Random(seed), injectFailures, maxAttempts: 3);
        var state = sim.Run(CompareTwoSeeds() with { MaxAttempts = 3 });

        Assert.Equal(StudyStatus.Completed, state.Status);
        Assert.Equal(1, sim.Completions);
        var analyze = Assert.Single(sim.Analyses);
        foreach (var arm in state.Arms)
        {
            for (var stage = 0; stage < StudyState.StageCount; stage++)
            {
                var key = (arm.ArmId, stage);
                Assert.Equal(1, sim.AcceptedEvaluations.GetValueOrDefault(key));
                // Every evaluation issued beyond the first was answered by a failure, and likewise for training.
                Assert.Equal(1 + sim.EvaluationFailures.GetValueOrDefault(key), sim.EvaluationsIssued.GetValueOrDefault(key));
                if (stage > 0)
                    Assert.Equal(1 + sim.TrainingFailures.GetValueOrDefault(key), sim.TrainingsIssued.GetValueOrDefault(key));
                Assert.Contains(new EvaluationRef(arm.ArmId, stage, EvalRef(arm.ArmId, stage)), analyze.Evaluations);
            }
            Assert.Equal(Ckpt(arm.ArmId, 1, FinalStep), arm.Stage(1).FinalCheckpoint);
            Assert.All(sim.StageTwoInits[arm.ArmId], init => Assert.Equal(Ckpt(arm.ArmId, 1, FinalStep), init));
        }
        Assert.Equal(12, analyze.Evaluations.Length);
        if (injectFailures)
            Assert.True(sim.TrainingFailures.Values.Sum() + sim.EvaluationFailures.Values.Sum() > 0, "the scenario injected no failure");
    }

    sealed class Simulation(Random rng, bool injectFailures, int maxAttempts)
    {
        readonly List<StudyEvent> _pool = [];
        readonly List<StudyEvent> _delivered = [];
        public Dictionary<(string, int), int> EvaluationsIssued { get; } = [];
        public Dictionary<(string, int), int> TrainingsIssued { get; } = [];
        public Dictionary<(string, int), int> EvaluationFailures { get; } = [];
        public Dictionary<(string, int), int> TrainingFailures { get; } = [];
        public Dictionary<(string, int), int> AcceptedEvaluations { get; } = [];
        public Dictionary<string, List<CheckpointRef?>> StageTwoInits { get; } = [];
        public List<AnalyzeStudy> Analyses { get; } = [];
        public int Completions { get; private set; }

        public StudyState Run(StudyOptions options)
        {
            var state = StudyState.New("r1");
            _pool.Add(new StudyStarted(options));
            for (var guard = 0; _pool.Count > 0; guard++)
            {
                Assert.True(guard < 100_000, "the simulation does not terminate");
                var index = rng.Next(_pool.Count);
                var e = _pool[index];
                _pool.RemoveAt(index);

                var t = StudyWorkflow.Apply(state, e);
                if (t.WasIgnored)
                    AssertIgnored(state, t);
                else if (e is CheckpointEvaluated ce)
                    Increment(AcceptedEvaluations, (ce.ArmId, ce.Stage));
                state = t.State;
                foreach (var command in t.Commands)
                    Execute(command);

                _delivered.Add(e);
                if (rng.NextDouble() < 0.3)
                    _pool.Add(e); // duplicate
                if (rng.NextDouble() < 0.1)
                    _pool.Add(_delivered[rng.Next(_delivered.Count)]); // late redelivery of anything seen before
            }
            return state;
        }

        void Execute(StudyCommand command)
        {
            switch (command)
            {
                case PrepareDatasets:
                    _pool.Add(new DatasetsPrepared(Datasets));
                    break;
                case EvaluateCheckpoint ev:
                    Increment(EvaluationsIssued, (ev.ArmId, ev.Stage));
                    if (ShouldFail(ev.Attempt))
                    {
                        Increment(EvaluationFailures, (ev.ArmId, ev.Stage));
                        _pool.Add(new EvaluationFailed(ev.ArmId, ev.Stage, "flaky evaluator", ev.Attempt));
                    }
                    else
                        _pool.Add(new CheckpointEvaluated(ev.ArmId, ev.Stage, EvalRef(ev.ArmId, ev.Stage)));
                    break;
                case TrainStage train:
                    Train(train);
                    break;
                case AnalyzeStudy analyze:
                    Analyses.Add(analyze);
                    _pool.Add(new AnalysisCompleted("runs/r1/report"));
                    break;
                case CompleteStudy:
                    Completions++;
                    break;
                default:
                    Assert.Fail($"unexpected command {command}");
                    break;
            }
        }

        /// <summary>A trainer saving every 10 steps; a dying one emits a prefix of its checkpoints, then StageFailed.</summary>
        void Train(TrainStage train)
        {
            Increment(TrainingsIssued, (train.ArmId, train.Stage));
            if (train.Stage == 2)
            {
                if (!StageTwoInits.TryGetValue(train.ArmId, out var inits))
                    StageTwoInits[train.ArmId] = inits = [];
                inits.Add(train.InitFrom);
            }
            var start = train.ResumeFrom?.Step ?? 0;
            Assert.True(start < FinalStep, $"{train} resumes from a step at or past the end");
            var steps = Enumerable.Range(1, FinalStep / 10).Select(i => i * 10).Where(s => s > start).ToList();
            var dies = ShouldFail(train.Attempt);
            if (dies)
                steps = steps.Take(rng.Next(steps.Count)).ToList(); // never reaches the final step
            foreach (var step in steps)
            {
                _pool.Add(new StageProgress(train.ArmId, train.Stage, step, FinalStep));
                _pool.Add(new StageCheckpointSaved(train.ArmId, train.Stage, Ckpt(train.ArmId, train.Stage, step), step == FinalStep));
            }
            if (dies)
            {
                Increment(TrainingFailures, (train.ArmId, train.Stage));
                _pool.Add(new StageFailed(train.ArmId, train.Stage, "trainer died", train.Attempt));
            }
        }

        // Failures stay within the budget so that every run must complete.
        bool ShouldFail(int attempt) => injectFailures && attempt < maxAttempts && rng.NextDouble() < 0.35;

        static void Increment(Dictionary<(string, int), int> counts, (string, int) key) =>
            counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
